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

/**
 * A positive rupee amount as text, as the API accepts it and every event carries it: up to 10
 * digits and at most 2 decimals (NUMERIC(12,2)), and not zero (the look-ahead, so that the OpenAPI
 * pattern can say it too).
 */
export const INR_AMOUNT_TEXT = /^(?!0*(\.0*)?$)\d{1,10}(\.\d{1,2})?$/;

export const INR_AMOUNT_RULE =
  'a positive amount in rupees with at most 2 decimal places, up to 9999999999.99';

/** Whether a decimal string is a positive rupee amount that fits NUMERIC(12,2). */
export function isPositiveInrAmount(text: string): boolean {
  if (!INR_AMOUNT_TEXT.test(text)) return false;
  const paise = inrToPaise(text);
  return paise > 0n && fitsInrColumn(paise);
}
