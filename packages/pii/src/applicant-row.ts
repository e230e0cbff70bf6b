import { maskPan } from '@prequal/service-kit';
import { blindIndex } from './blind-index.ts';
import type { Keyring } from './keyring.ts';
import { openValue, sealValue } from './sealed-value.ts';

/** What the associated data of a row's sealed values names: their column. */
export const ROW_FIELDS = { pan: 'applications.pan_number', name: 'applications.applicant_name' } as const;

/** An applicant's personal data as the applications table stores it: sealed, indexed, masked. */
export interface SealedApplicant {
  readonly panSealed: string;
  readonly panBlindIndex: string;
  readonly panMasked: string;
  readonly applicantNameSealed: string | null;
}

/** Seals a PAN and a name for the applications table, with the blind index and the masked PAN. */
export function sealApplicant(
  { panNumber, applicantName }: { panNumber: string; applicantName: string | null },
  keyring: Keyring,
  blindIndexKey: Buffer,
): SealedApplicant {
  return {
    panSealed: sealValue(panNumber, keyring, ROW_FIELDS.pan),
    panBlindIndex: blindIndex(blindIndexKey, panNumber),
    panMasked: maskPan(panNumber),
    applicantNameSealed: applicantName === null ? null : sealValue(applicantName, keyring, ROW_FIELDS.name),
  };
}

/** The applicant's name in clear, or null (not given, or erased). */
export function openApplicantName(sealed: string | null | undefined, keyring: Keyring): string | null {
  return sealed ? openValue(sealed, keyring, ROW_FIELDS.name) : null;
}
