/**
 * A decimal amount as a canonical string: optional '-', digits, and exactly `scale` fraction
 * digits for the scale it was formatted with (e.g. "150000.00"). Money never becomes a JS number.
 */
export type DecimalString = string;

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

export class InvalidDecimalError extends Error {
  override readonly name = 'InvalidDecimalError';
}

/** The unscaled integer of `text` at `scale` ("12.5", 2 -> 1250n). Refuses more fraction digits. */
export function toUnscaled(text: string, scale: number): bigint {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new InvalidDecimalError(`not a decimal number: ${JSON.stringify(text)}`);
  const [, sign, whole = '', fraction = ''] = match;
  if (fraction.length > scale) {
    throw new InvalidDecimalError(`${text} has more than ${scale} decimal places`);
  }
  const unscaled = BigInt(whole + fraction.padEnd(scale, '0'));
  return sign ? -unscaled : unscaled;
}

/** The canonical string of an unscaled integer at `scale` (1250n, 2 -> "12.50"). */
export function fromUnscaled(unscaled: bigint, scale: number): DecimalString {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
}

/** Number of digits of the unscaled value, as a decimal(precision) column counts them. */
export function precisionOf(unscaled: bigint): number {
  return (unscaled < 0n ? -unscaled : unscaled).toString().length;
}
