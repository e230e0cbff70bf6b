/** Digits that JSON carries exactly as a number: no leading zero, at most 15 digits. */
const EXACT_INTEGER = /^(0|[1-9]\d{0,14})$/;

/**
 * An amount as the user typed it, for the JSON body. Whole rupees go as a JSON number; anything
 * else (decimals, leading zeros, very long digit strings, typos) goes as the typed text, which the
 * API accepts as a decimal string or refuses with a message. Never parsed to a float and re-printed.
 */
export function moneyValue(typed: string): number | string {
  return EXACT_INTEGER.test(typed) ? Number(typed) : typed;
}
