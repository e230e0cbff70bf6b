import test from 'ava';
import { readSchemaFiles } from '../../src/schema-files.ts';
import { validateSchemaFile } from '../../src/validate/validate-schema-file.ts';
import {
  editField,
  ourSchema,
  text,
  withDecisionEnum,
  withoutField,
  type RecordJson,
} from '../helpers/our-schemas.ts';

function validate(file: string, schema: unknown): string[] {
  return validateSchemaFile({ file, text: text(schema) });
}

test('every schema of the repository follows our conventions', async (t) => {
  const files = await readSchemaFiles();

  t.true(files.length >= 3);
  t.deepEqual(files.flatMap(validateSchemaFile), []);
});

const decision = ourSchema('LoanDecisionMade');
const submitted = ourSchema('LoanApplicationSubmitted');
const withoutDoc = ({ doc: _doc, ...rest }: Record<string, unknown>) => rest;

const violations: {
  rule: string;
  file: string;
  schema: RecordJson | Record<string, unknown>;
  says: string;
}[] = [
  {
    rule: 'an enum without a default symbol',
    file: 'LoanDecisionMade.avsc',
    schema: withDecisionEnum(['PRE_APPROVED', 'REJECTED', 'MANUAL_REVIEW']),
    says: 'LoanDecisionMade.avsc: field decision: enum LoanDecision has no default symbol',
  },
  {
    rule: 'a field without a doc',
    file: 'LoanDecisionMade.avsc',
    schema: editField(decision, 'reason', (f) => withoutDoc(f) as typeof f),
    says: 'LoanDecisionMade.avsc: field reason: has no doc',
  },
  {
    rule: 'a record without a doc',
    file: 'LoanDecisionMade.avsc',
    schema: withoutDoc(decision),
    says: 'LoanDecisionMade.avsc: record LoanDecisionMade has no doc',
  },
  {
    rule: 'an enum without a doc',
    file: 'LoanDecisionMade.avsc',
    schema: editField(decision, 'decision', (f) => ({
      ...f,
      type: withoutDoc(f.type as Record<string, unknown>),
    })),
    says: 'LoanDecisionMade.avsc: field decision: enum LoanDecision has no doc',
  },
  {
    rule: 'a record without a namespace',
    file: 'LoanDecisionMade.avsc',
    schema: { ...decision, namespace: undefined },
    says: 'LoanDecisionMade.avsc: record LoanDecisionMade has no namespace',
  },
  {
    rule: 'a money field as double',
    file: 'LoanApplicationSubmitted.avsc',
    schema: editField(submitted, 'loanAmountInr', (f) => ({ ...f, type: 'double' })),
    says: 'LoanApplicationSubmitted.avsc: field loanAmountInr: money (a name ending in Inr) must not be float or double',
  },
  {
    rule: 'a money field as an optional float',
    file: 'LoanApplicationSubmitted.avsc',
    schema: editField(submitted, 'monthlyIncomeInr', (f) => ({
      ...f,
      type: ['null', 'float'],
      default: null,
    })),
    says: 'LoanApplicationSubmitted.avsc: field monthlyIncomeInr: money (a name ending in Inr) must not be float or double',
  },
  {
    rule: 'a decimal without a scale',
    file: 'LoanApplicationSubmitted.avsc',
    schema: editField(submitted, 'loanAmountInr', (f) => ({
      ...f,
      type: { type: 'bytes', logicalType: 'decimal', precision: 12 },
    })),
    says: 'LoanApplicationSubmitted.avsc: field loanAmountInr: decimal has no scale',
  },
  {
    rule: 'a decimal without a precision',
    file: 'LoanApplicationSubmitted.avsc',
    schema: editField(submitted, 'loanAmountInr', (f) => ({
      ...f,
      type: { type: 'bytes', logicalType: 'decimal', scale: 2 },
    })),
    says: 'LoanApplicationSubmitted.avsc: field loanAmountInr: decimal has no precision',
  },
  {
    rule: 'a decimal on fixed',
    file: 'LoanApplicationSubmitted.avsc',
    schema: editField(submitted, 'loanAmountInr', (f) => ({
      ...f,
      type: {
        type: 'fixed',
        name: 'Amount',
        size: 8,
        doc: 'Amount.',
        logicalType: 'decimal',
        precision: 12,
        scale: 2,
      },
    })),
    says: 'LoanApplicationSubmitted.avsc: field loanAmountInr: decimal must be on bytes, not fixed',
  },
  {
    rule: 'a missing event id',
    file: 'LoanDecisionMade.avsc',
    schema: withoutField(decision, 'eventId'),
    says: 'LoanDecisionMade.avsc: missing field eventId (string (uuid)): every event carries it',
  },
  {
    rule: 'occurredAt without timestamp-millis',
    file: 'LoanDecisionMade.avsc',
    schema: editField(decision, 'occurredAt', (f) => ({ ...f, type: 'long' })),
    says: 'LoanDecisionMade.avsc: field occurredAt: must be long (timestamp-millis), not long',
  },
  {
    rule: 'a missing correlation id',
    file: 'LoanDecisionMade.avsc',
    schema: withoutField(decision, 'correlationId'),
    says: 'LoanDecisionMade.avsc: missing field correlationId (string): every event carries it',
  },
  {
    rule: 'an application id that is not a uuid',
    file: 'LoanDecisionMade.avsc',
    schema: editField(decision, 'applicationId', (f) => ({ ...f, type: 'string' })),
    says: 'LoanDecisionMade.avsc: field applicationId: must be string (uuid), not string',
  },
  {
    rule: 'a nested record field without a doc, named by its path',
    file: 'LoanDecisionMade.avsc',
    schema: {
      ...decision,
      fields: [
        ...decision.fields,
        {
          name: 'review',
          doc: 'Who reviewed it.',
          type: {
            type: 'record',
            name: 'Review',
            doc: 'A review.',
            fields: [{ name: 'reviewer', type: 'string' }],
          },
        },
      ],
    },
    says: 'LoanDecisionMade.avsc: field review.reviewer: has no doc',
  },
  {
    rule: 'a schema that does not parse',
    file: 'LoanDecisionMade.avsc',
    schema: editField(decision, 'cibilScore', (f) => ({ ...f, type: 'integer' })),
    says: 'LoanDecisionMade.avsc: does not parse',
  },
];

for (const { rule, file, schema, says } of violations) {
  test(`validate catches ${rule}`, (t) => {
    const found = validate(file, schema);

    t.true(
      found.some((line) => line.startsWith(says)),
      found.join('\n'),
    );
  });
}

test('a top-level type that is not a record is refused', (t) => {
  t.deepEqual(validate('Plain.avsc', 'string'), ['Plain.avsc: the top-level type must be a record']);
});
