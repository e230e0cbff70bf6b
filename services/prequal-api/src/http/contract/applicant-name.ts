import { APPLICANT_NAME_MAX } from '@prequal/events';

/*
 * The applicant's name as JSON Schema says it. joi trims the name before its rules, so what is
 * accepted is: any run of the white space JavaScript's trim() removes, then 1 to APPLICANT_NAME_MAX
 * characters (code points) without control characters that neither begin nor end with white space,
 * then white space again. Written with explicit code point ranges (no \s, no \p{…}): those differ
 * between ECMAScript, Python and Rust, the regex engines of our validators and fuzzer.
 */
const TRIMMED =
  '\\u0009-\\u000D\\u0020\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF';
const CONTROL = '\\u0000-\\u001F\\u007F-\\u009F';
const EDGE = `[^${CONTROL}\\u0020\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]`;

export const APPLICANT_NAME_PATTERN = `^[${TRIMMED}]*${EDGE}(?:[^${CONTROL}]{0,${APPLICANT_NAME_MAX - 2}}${EDGE})?[${TRIMMED}]*$`;
