import type { EntityManager } from '@mikro-orm/postgresql';
import { Application } from './application.entity.ts';
import { deleteInBatches, type PruneOptions } from './batched-delete.ts';
import { queryRows, runStatement } from './statement.ts';

const ERASED = { panSealed: null, panBlindIndex: null, panMasked: null, applicantNameSealed: null };

/**
 * Erases a client's application's personal data (PAN, name); the row keeps id, client, amounts,
 * score, decision and timestamps. True when the application is the client's (erased now or before).
 */
export async function eraseApplicationPersonalData(
  em: EntityManager,
  clientId: string,
  id: string,
  erasedAt: Date,
): Promise<boolean> {
  const erased = await em.nativeUpdate(
    Application,
    { id, clientId, piiErasedAt: null },
    { ...ERASED, piiErasedAt: erasedAt },
  );
  return erased === 1 || (await em.count(Application, { id, clientId })) === 1;
}

/** Erases the personal data of applications decided before `decidedBefore`, in batches; returns how many. */
export function erasePersonalDataDecidedBefore(
  em: EntityManager,
  decidedBefore: Date,
  options: PruneOptions = {},
): Promise<number> {
  return deleteInBatches(
    em,
    `update applications set pan_sealed = null, pan_blind_index = null, pan_masked = null,
       applicant_name_sealed = null, pii_erased_at = now()
     where id in (
       select id from applications where decided_at < ? and pii_erased_at is null limit ?)`,
    [decidedBefore],
    options,
  );
}

/**
 * Erases the personal data of every application whose PAN has this blind index, whichever client
 * submitted it (a data principal's own request); returns how many were erased.
 */
export function erasePersonalDataByPanIndex(
  em: EntityManager,
  panBlindIndex: string,
  erasedAt: Date,
): Promise<number> {
  return em.nativeUpdate(
    Application,
    { panBlindIndex, piiErasedAt: null },
    { ...ERASED, piiErasedAt: erasedAt },
  );
}

/** Sealed personal data of one application, to seal again under another key. */
export interface SealedPersonalData {
  readonly id: string;
  readonly panSealed: string | null;
  readonly applicantNameSealed: string | null;
}

/** Applications with a value not sealed under `keyId` (up to `limit`, after id `after`). */
export async function sealedUnderOtherKeys(
  em: EntityManager,
  keyId: string,
  { after, limit }: { after: string; limit: number },
): Promise<SealedPersonalData[]> {
  const prefix = `pii1:${keyId}:%`;
  return queryRows<SealedPersonalData>(
    em,
    `select id, pan_sealed as "panSealed", applicant_name_sealed as "applicantNameSealed" from applications
     where id > ? and ((pan_sealed is not null and pan_sealed not like ?)
       or (applicant_name_sealed is not null and applicant_name_sealed not like ?))
     order by id limit ?`,
    [after, prefix, prefix, limit],
  );
}

/** Stores personal data sealed again, as long as the row still holds what was read (no lost update). */
export async function replaceSealedPersonalData(
  em: EntityManager,
  before: SealedPersonalData,
  after: Pick<SealedPersonalData, 'panSealed' | 'applicantNameSealed'>,
): Promise<boolean> {
  const updated = await em.nativeUpdate(
    Application,
    { id: before.id, panSealed: before.panSealed, applicantNameSealed: before.applicantNameSealed },
    after,
  );
  return updated === 1;
}

/** A row written before personal data was sealed (the plaintext columns of SealedPersonalData). */
export interface PlaintextPersonalData {
  readonly id: string;
  readonly panNumber: string | null;
  readonly applicantName: string | null;
}

/** Rows still holding a PAN or a name in clear (only before DropPlaintextPersonalData ran). */
export async function plaintextPersonalData(
  em: EntityManager,
  limit: number,
): Promise<PlaintextPersonalData[]> {
  return queryRows<PlaintextPersonalData>(
    em,
    `select id, pan_number as "panNumber", applicant_name as "applicantName" from applications
     where pan_number is not null or applicant_name is not null order by id limit ?`,
    [limit],
  );
}

/** Seals a row's plaintext: the sealed columns written, the plaintext ones emptied, in one statement. */
export async function sealPlaintextPersonalData(
  em: EntityManager,
  id: string,
  sealed: {
    panSealed: string | null;
    panBlindIndex: string | null;
    panMasked: string | null;
    applicantNameSealed: string | null;
  },
): Promise<void> {
  await runStatement(
    em,
    `update applications set pan_sealed = ?, pan_blind_index = ?, pan_masked = ?, applicant_name_sealed = ?,
       pan_number = null, applicant_name = null where id = ?`,
    [sealed.panSealed, sealed.panBlindIndex, sealed.panMasked, sealed.applicantNameSealed, id],
  );
}

/** Whether the plaintext columns still exist (DropPlaintextPersonalData has not run yet). */
export async function hasPlaintextColumns(em: EntityManager): Promise<boolean> {
  const [row] = await em.execute<{ present: boolean }[]>(
    `select exists (select 1 from information_schema.columns
       where table_schema = current_schema() and table_name = 'applications' and column_name = 'pan_number') as present`,
  );
  return row?.present === true;
}
