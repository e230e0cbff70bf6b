export { fromUnscaled, toUnscaled, precisionOf, InvalidDecimalError, type DecimalString } from './decimal.ts';
export {
  INR_PRECISION,
  INR_SCALE,
  INR_AMOUNT_TEXT,
  INR_AMOUNT_RULE,
  inrToPaise,
  paiseToInr,
  normalizeInr,
  fitsInrColumn,
  isPositiveInrAmount,
} from './inr.ts';
