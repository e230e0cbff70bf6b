export { fromUnscaled, toUnscaled, precisionOf, InvalidDecimalError, type DecimalString } from './decimal.ts';
export { INR_PRECISION, INR_SCALE, inrToPaise, paiseToInr, normalizeInr, fitsInrColumn } from './inr.ts';
