import Joi from 'joi';
import { fitsInrColumn, inrToPaise, normalizeInr, type DecimalString } from '@prequal/money';
import { PAN_PATTERN } from '@prequal/service-kit';
import { MAX_LENGTH_META } from '../http/json-schema-of.ts';

export const LOAN_TYPES = ['PERSONAL', 'HOME', 'AUTO'] as const;
export type RequestedLoanType = (typeof LOAN_TYPES)[number];

/** The body of POST /applications as clients send it. */
export interface ApplicationRequestBody {
  pan_number: string;
  applicant_name?: string | null;
  monthly_income_inr: number | string;
  loan_amount_inr: number | string;
  loan_type?: RequestedLoanType | null;
}

/** A validated application, money as canonical decimal strings. */
export interface ApplicationInput {
  readonly panNumber: string;
  readonly applicantName: string | null;
  readonly monthlyIncomeInr: DecimalString;
  readonly loanAmountInr: DecimalString;
  readonly loanType: RequestedLoanType | null;
}

// Up to 10 digits and 2 decimals, and not zero (the look-ahead), so the OpenAPI pattern says it too.
const MONEY_TEXT = /^(?!0*(\.0*)?$)\d{1,10}(\.\d{1,2})?$/;
const MONEY_RULE = 'a positive amount in rupees with at most 2 decimal places, up to 9999999999.99';

/** Rupees as a JSON number or a decimal string: positive, at most 2 decimals, fits NUMERIC(12,2). */
function money(description: string, example: number): Joi.AlternativesSchema {
  const invalid = `{{#label}} must be ${MONEY_RULE}`;
  const numberMessages = Object.fromEntries(
    [
      'number.base',
      'number.positive',
      'number.precision',
      'number.max',
      'number.unsafe',
      'number.infinity',
    ].map((code) => [code, invalid]),
  );
  return Joi.alternatives()
    .try(
      Joi.number().strict().positive().precision(2).max(9_999_999_999.99).messages(numberMessages),
      Joi.string()
        .pattern(MONEY_TEXT)
        .messages({ 'string.base': invalid, 'string.pattern.base': invalid, 'string.empty': invalid }),
    )
    .custom((value: number | string, helpers) => {
      const text = typeof value === 'number' ? String(value) : value;
      if (!MONEY_TEXT.test(text)) return helpers.error('money.invalid');
      const paise = inrToPaise(text);
      if (paise <= 0n || !fitsInrColumn(paise)) return helpers.error('money.invalid');
      return value;
    })
    .messages({ 'alternatives.match': invalid, 'alternatives.types': invalid, 'money.invalid': invalid })
    .description(`${description}: ${MONEY_RULE}, as a JSON number or a decimal string`)
    .example(example);
}

const MAX_NAME_CHARACTERS = 255;

/** The joi schema of the body: the one source of both validation and the OpenAPI document. */
export const applicationRequestSchema = Joi.object<ApplicationRequestBody>({
  pan_number: Joi.string()
    .pattern(PAN_PATTERN)
    .required()
    .messages({
      'string.pattern.base':
        '{{#label}} must be an Indian PAN: 5 letters, 4 digits, 1 letter (e.g. ABCDE1234F)',
    })
    .description('Indian PAN: 5 capital letters, 4 digits, 1 capital letter')
    .example('ABCDE1234F'),
  applicant_name: Joi.string()
    .trim()
    .min(1)
    // No control characters: a name has no line breaks or bells, and PostgreSQL cannot store a NUL.
    .pattern(/^\P{Cc}*$/u)
    .custom((name: string, helpers) => {
      // A lone surrogate (a "\ud800" escape) is not text: PostgreSQL refuses it.
      if (!name.isWellFormed()) return helpers.error('name.unpaired');
      // Characters as VARCHAR(255) and JSON Schema's maxLength count them (code points), so an emoji is one.
      if (Array.from(name).length > MAX_NAME_CHARACTERS) return helpers.error('name.long');
      return name;
    })
    .messages({
      'string.pattern.base': '{{#label}} must not contain control characters (such as NUL or a line break)',
      'name.unpaired': '{{#label}} must be valid Unicode text (it has an unpaired surrogate)',
      'name.long': `{{#label}} must be at most ${MAX_NAME_CHARACTERS} characters`,
    })
    .meta({ [MAX_LENGTH_META]: MAX_NAME_CHARACTERS })
    .allow(null)
    .description("Applicant's name")
    .example('Asha Verma'),
  monthly_income_inr: money('Monthly income', 100000).required(),
  loan_amount_inr: money('Requested loan amount', 200000).required(),
  loan_type: Joi.string()
    .valid(...LOAN_TYPES)
    .allow(null)
    .description('Kind of loan: PERSONAL (unsecured), HOME or AUTO')
    .example('PERSONAL'),
})
  .required()
  .unknown(false)
  .messages({
    'object.unknown': '{{#label}} is not a field of an application',
    'object.base': 'the body must be a JSON object',
    'any.required': '{{#label}} is required',
  })
  .description('A loan application to pre-qualify');

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export type ParsedRequest = { ok: true; input: ApplicationInput } | { ok: false; errors: FieldError[] };

/** Validates a parsed JSON body; every offending field is reported, not just the first. */
export function parseApplicationRequest(body: unknown): ParsedRequest {
  const result = applicationRequestSchema.validate(body, {
    abortEarly: false,
    convert: true,
  });
  if (result.error) {
    // One message per field: joi may report several rules broken by the same value.
    const byField = new Map<string, string>();
    for (const detail of result.error.details) {
      const field = detail.path.join('.') || '(body)';
      if (!byField.has(field)) byField.set(field, detail.message.replace(/^"([^"]+)"/, '$1'));
    }
    return { ok: false, errors: [...byField].map(([field, message]) => ({ field, message })) };
  }
  const value = result.value;
  const toInr = (amount: number | string): DecimalString => normalizeInr(String(amount));
  return {
    ok: true,
    input: {
      panNumber: value.pan_number,
      applicantName: value.applicant_name ?? null,
      monthlyIncomeInr: toInr(value.monthly_income_inr),
      loanAmountInr: toInr(value.loan_amount_inr),
      loanType: value.loan_type ?? null,
    },
  };
}
