import Joi from 'joi';
import {
  APPLICANT_NAME_RULES,
  APPLICANT_NAME_TEXT,
  PAN_PATTERN,
  PAN_RULE,
  applicantNameProblem,
} from '@prequal/events';
import {
  INR_AMOUNT_RULE,
  INR_AMOUNT_TEXT,
  INR_SCALE,
  isPositiveInrAmount,
  normalizeInr,
  type DecimalString,
} from '@prequal/money';
import {
  LOAN_TYPES,
  type ApplicationInput,
  type RequestedLoanType,
} from '../../applications/application-input.ts';
import type { FieldError } from '../../applications/errors.ts';
import { APPLICANT_NAME_PATTERN } from './applicant-name.ts';
import { JSON_SCHEMA_META } from './json-schema-of.ts';

/** The body of POST /applications as clients send it. */
export interface ApplicationRequestBody {
  pan_number: string;
  applicant_name?: string | null;
  monthly_income_inr: number | string;
  loan_amount_inr: number | string;
  loan_type?: RequestedLoanType | null;
}

/** Rupees as a JSON number or a decimal string: positive, at most 2 decimals, fits NUMERIC(12,2). */
function money(description: string, example: number): Joi.AlternativesSchema {
  const invalid = `{{#label}} must be ${INR_AMOUNT_RULE}`;
  const numberMessages = Object.fromEntries(
    [
      'number.base',
      'number.positive',
      'number.multiple',
      'number.max',
      'number.unsafe',
      'number.infinity',
    ].map((code) => [code, invalid]),
  );
  return Joi.alternatives()
    .try(
      Joi.number()
        .strict()
        .positive()
        .multiple(10 ** -INR_SCALE)
        .max(9_999_999_999.99)
        .messages(numberMessages)
        .description(
          'A JSON number, judged on its decimal value as written (JSON Schema multipleOf): 1e3, 2.500 and 0.07 are accepted; 1.005 and 1.00000000000000000001 are not. Validators that divide in binary floating point misjudge multipleOf 0.01 (ajv without multipleOfPrecision and python-jsonschema refuse 0.07; schemathesis and jsonschema-rs judge it exactly): send the string form where that matters.',
        ),
      Joi.string()
        .pattern(INR_AMOUNT_TEXT)
        .messages({ 'string.base': invalid, 'string.pattern.base': invalid, 'string.empty': invalid })
        .description(
          'A decimal string, not zero: 1 to 10 digits, then optionally a point and 1 or 2 digits; exact for every reader.',
        ),
    )
    .custom((value: number | string, helpers) => {
      const text = typeof value === 'number' ? String(value) : value;
      return isPositiveInrAmount(text) ? value : helpers.error('money.invalid');
    })
    .messages({ 'alternatives.match': invalid, 'alternatives.types': invalid, 'money.invalid': invalid })
    .description(`${description}: ${INR_AMOUNT_RULE}, as a JSON number or a decimal string`)
    .example(example);
}

/** The joi schema of the body: the one source of both validation and the OpenAPI document. */
export const applicationRequestSchema = Joi.object<ApplicationRequestBody>({
  pan_number: Joi.string()
    .pattern(PAN_PATTERN)
    .required()
    .messages({ 'string.pattern.base': `{{#label}} ${PAN_RULE}` })
    .description('Indian PAN: 5 capital letters, 4 digits, 1 capital letter')
    .example('ABCDE1234F'),
  applicant_name: Joi.string()
    .trim()
    .min(1)
    .pattern(APPLICANT_NAME_TEXT)
    .custom((name: string, helpers) => {
      const problem = applicantNameProblem(name);
      return problem === undefined ? name : helpers.error(`name.${problem}`);
    })
    .messages({
      'string.pattern.base': `{{#label}} ${APPLICANT_NAME_RULES.control}`,
      'name.control': `{{#label}} ${APPLICANT_NAME_RULES.control}`,
      'name.empty': `{{#label}} ${APPLICANT_NAME_RULES.empty}`,
      'name.unpaired': `{{#label}} ${APPLICANT_NAME_RULES.unpaired}`,
      'name.long': `{{#label}} ${APPLICANT_NAME_RULES.long}`,
    })
    // Trimmed before the rules: the pattern says what that accepts (the length after trimming).
    .meta({ [JSON_SCHEMA_META]: { pattern: APPLICANT_NAME_PATTERN, minLength: null, maxLength: null } })
    .allow(null)
    .description(
      "Applicant's name: up to 255 characters (code points: an emoji is one) once the white space around it is trimmed, no control characters, no unpaired surrogate (a lone \\ud800 escape is not text)",
    )
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

/** The schema with its validation options applied once (joi would merge them on every call). */
const requestValidator = applicationRequestSchema.prefs({ abortEarly: false, convert: true });

export type ParsedRequest = { ok: true; input: ApplicationInput } | { ok: false; errors: FieldError[] };

/** Validates a parsed JSON body; every offending field is reported, not just the first. */
export function parseApplicationRequest(body: unknown): ParsedRequest {
  const result = requestValidator.validate(body);
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
