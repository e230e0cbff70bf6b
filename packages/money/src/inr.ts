import { fromUnscaled, precisionOf, toUnscaled, type DecimalString } from './decimal.ts';

/** Rupee amounts are NUMERIC(12,2): 12 digits, 2 of them paise. */
export const INR_PRECISION = 12;
export const INR_SCALE = 2;

/** Paise of a rupee amount given as a decimal string ("1234.5" -> 123450n). */
export function inrToPaise(amount: DecimalString): bigint {
  return toUnscaled(amount, INR_SCALE);
}

/** Canonical rupee string of an amount in paise (123450n -> "1234.50"). */
export function paiseToInr(paise: bigint): DecimalString {
  return fromUnscaled(paise, INR_SCALE);
}

/** Canonical form of a rupee amount ("1234.5" -> "1234.50"). */
export function normalizeInr(amount: DecimalString): DecimalString {
  return paiseToInr(inrToPaise(amount));
}

/** Whether an amount in paise fits NUMERIC(12,2). */
export function fitsInrColumn(paise: bigint): boolean {
  return precisionOf(paise) <= INR_PRECISION;
}
