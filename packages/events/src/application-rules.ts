import { loanTypeSymbols } from './schemas.generated.ts';

/*
 * What a valid application is, beyond its Avro types: one definition, used by prequal-api's
 * request validation and by every consumer's check of incoming events (content-rules.ts).
 */

/** An Indian PAN: 5 letters, 4 digits, 1 letter. */
export const PAN_PATTERN = /^[A-Z]{5}[0-9]{4}[A-Z]$/;
export const PAN_RULE = 'must be an Indian PAN: 5 letters, 4 digits, 1 letter (e.g. ABCDE1234F)';

/** A name has no control characters: no line breaks or bells, and PostgreSQL cannot store a NUL. */
export const APPLICANT_NAME_TEXT = /^\P{Cc}*$/u;
/** Characters as VARCHAR(255) and JSON Schema's maxLength count them (code points): an emoji is one. */
export const APPLICANT_NAME_MAX = 255;

export const APPLICANT_NAME_RULES = {
  control: 'must not contain control characters (such as NUL or a line break)',
  unpaired: 'must be valid Unicode text (it has an unpaired surrogate)',
  long: `must be at most ${APPLICANT_NAME_MAX} characters`,
  empty: 'must not be empty',
} as const;

/** What is wrong with a name (see APPLICANT_NAME_RULES), or undefined when nothing is. */
export function applicantNameProblem(name: string): keyof typeof APPLICANT_NAME_RULES | undefined {
  if (name.trim() === '') return 'empty';
  if (!APPLICANT_NAME_TEXT.test(name)) return 'control';
  // A lone surrogate (a "\ud800" escape) is not text: PostgreSQL refuses it.
  if (!name.isWellFormed()) return 'unpaired';
  if (Array.from(name).length > APPLICANT_NAME_MAX) return 'long';
  return undefined;
}

/** The loan types a client may ask for (UNKNOWN is only what an old reader sees for a new one). */
export const REQUESTABLE_LOAN_TYPES = loanTypeSymbols.filter(
  (symbol): symbol is Exclude<typeof symbol, 'UNKNOWN'> => symbol !== 'UNKNOWN',
);

/** A CIBIL score is 300 to 900. */
export const CIBIL_SCORE_MIN = 300;
export const CIBIL_SCORE_MAX = 900;
