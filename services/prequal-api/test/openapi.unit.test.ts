import test from 'ava';
import Joi from 'joi';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { APPLICATION_STATUSES } from '@prequal/db';
import { containsPan } from '@prequal/service-kit';
import { ALL_SCOPES } from '../src/auth/client.ts';
import {
  applicationRequestSchema,
  parseApplicationRequest,
} from '../src/http/contract/application-request.ts';
import { IDEMPOTENCY_KEY, SAFE_ID } from '../src/http/contract/headers.ts';
import { jsonSchemaOf } from '../src/http/contract/json-schema-of.ts';
import { OPERATIONS } from '../src/http/contract/operations.ts';
import { PROBLEMS, problemTypeOf } from '../src/http/contract/problems.ts';
import { answerExamples, openApiDocument, requestExamples } from '../src/http/openapi.ts';
import { securityHeaderValues } from '../src/http/security-headers.ts';

interface Answer {
  headers?: Record<string, { $ref?: string; required?: boolean }>;
  content?: Record<
    string,
    { schema: unknown; example?: unknown; examples?: Record<string, { value: unknown }> }
  >;
}
interface OperationObject {
  operationId: string;
  security: Record<string, string[]>[];
  parameters: { $ref: string }[];
  responses: Record<string, Answer>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components: {
    schemas: Record<string, Record<string, unknown>>;
    parameters: Record<string, { name: string; schema: Record<string, unknown> }>;
    securitySchemes: Record<string, { scheme: string }>;
  };
}

const documentOf = (
  options: Parameters<typeof openApiDocument>[0] = { serverUrl: 'http://localhost:3000' },
) => openApiDocument(options) as unknown as Document;
const document = documentOf();
const operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
  Object.entries(byMethod).map(([method, operation]) => ({ path, method, operation })),
);
const request = document.components.schemas.ApplicationRequest as {
  properties: Record<string, Record<string, unknown> & { anyOf?: Record<string, unknown>[] }>;
  required: string[];
};

const ajv = new Ajv2020({ strict: false, validateSchema: false });
addFormats.default(ajv);
ajv.addSchema(document, 'openapi.json');
const validatorOf = (pointer: string) => ajv.compile({ $ref: `openapi.json#${pointer}` });

test('the document is OpenAPI 3.1 with the four operations, where the router mounts them', (t) => {
  t.is(document.openapi, '3.1.0');
  t.deepEqual(
    operations.map(({ method, path, operation }) => `${method} ${path} ${operation.operationId}`).sort(),
    Object.values(OPERATIONS)
      .map((operation) => `${operation.method} ${operation.path} ${operation.operationId}`)
      .sort(),
  );
});

test('the request body schema is the one generated from the joi validation', (t) => {
  t.deepEqual(request, jsonSchemaOf(applicationRequestSchema));
});

test('changing a joi rule changes the document', (t) => {
  const stricter = applicationRequestSchema.keys({
    pan_number: Joi.string()
      .pattern(/^[A-Z]{5}[0-9]{4}Z$/)
      .required(),
    loan_type: Joi.string().valid('HOME', 'AUTO'),
  });
  const changed = documentOf({ serverUrl: 'http://localhost:3000', requestSchema: stricter }).components
    .schemas.ApplicationRequest as typeof request;
  t.is(changed.properties.pan_number?.pattern, '^[A-Z]{5}[0-9]{4}Z$');
  t.deepEqual(changed.properties.loan_type?.enum, ['HOME', 'AUTO']);
  t.not(request.properties.pan_number?.pattern, changed.properties.pan_number?.pattern);
});

test('the documented fields are exactly the fields the validation accepts', (t) => {
  const described = applicationRequestSchema.describe() as { keys: object };
  t.deepEqual(Object.keys(request.properties).sort(), Object.keys(described.keys).sort());
  t.deepEqual([...request.required].sort(), ['loan_amount_inr', 'monthly_income_inr', 'pan_number']);
});

const amountOf = (amount: unknown) => ({
  pan_number: 'ABCDE1234F',
  monthly_income_inr: amount,
  loan_amount_inr: amount,
});
const documentedBody = validatorOf('/components/schemas/ApplicationRequest');

test('the documented money string accepts exactly the decimal strings the validation accepts', (t) => {
  for (const amount of [
    '0',
    '00',
    '0.00',
    '0.0',
    '0.01',
    '1',
    '1.5',
    '1.50',
    '1.505',
    '9999999999.99',
    '10000000000',
    '-1',
    '1e3',
    ' 1',
    '.5',
    '5.',
    '04',
  ]) {
    t.is(documentedBody(amountOf(amount)), parseApplicationRequest(amountOf(amount)).ok, amount);
  }
});

test('the documented money number (multipleOf 0.01) accepts exactly the numbers the validation accepts', (t) => {
  const number = request.properties.loan_amount_inr?.anyOf?.find((branch) => branch.type === 'number');
  t.is(number?.multipleOf, 0.01);
  // Judged as JSON Schema means it: on the decimal value of the JSON text, exactly (no floats).
  const accepts = (value: number) => {
    const [, digits = '', fraction = '', exponent = '0'] =
      /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(JSON.stringify(value)) ?? [];
    const shift = Number(exponent) - fraction.length + 2;
    const cents = BigInt(digits + fraction);
    const multiple = shift >= 0 || cents % 10n ** BigInt(-shift) === 0n;
    return digits !== '' && multiple && value > 0 && value <= 9_999_999_999.99;
  };
  for (const amount of [
    0.07, 1.13, 0.29, 0.01, 100000, 8915008357.85, 9999999999.99, 1.005, 0.005, 5e-324, 8915008357.853521, 0,
    -1, 10000000000, 1e-7,
  ]) {
    t.is(accepts(amount), parseApplicationRequest(amountOf(amount)).ok, String(amount));
  }
});

test('the documented name pattern accepts exactly the names the validation accepts (after its trim)', (t) => {
  const pattern = new RegExp(String(request.properties.applicant_name?.pattern), 'u');
  const names = [
    'Asha Verma',
    'A',
    ' ',
    '',
    '  Asha  ',
    '\tAsha\n',
    'Asha\u0000Verma',
    'Asha\u0085Verma',
    'Asha\u00a0Verma',
    '\u00a0Asha\u3000',
    '\u2028',
    'Zoë \u{1F600} Verma',
    'x'.repeat(255),
    'x'.repeat(256),
    ` ${'x'.repeat(255)} `,
    '\u{1F600}'.repeat(255),
    '\u{1F600}'.repeat(256),
    'a\u007fb',
  ];
  for (const name of names) {
    const valid = parseApplicationRequest({ ...amountOf(1), applicant_name: name }).ok;
    t.is(pattern.test(name), valid, JSON.stringify(name));
  }
});

for (const [name, example] of Object.entries(requestExamples)) {
  test(`the "${name}" example uses a spec test PAN and passes validation and the document`, (t) => {
    t.true(['ABCDE1234F', 'FGHIJ5678K'].includes(example.value.pan_number));
    t.true(parseApplicationRequest(example.value).ok);
    t.true(documentedBody(example.value));
  });
}

test('every example in the document matches its own schema', (t) => {
  let checked = 0;
  for (const { path, method, operation } of operations) {
    for (const [status, answer] of Object.entries(operation.responses)) {
      for (const [media, content] of Object.entries(answer.content ?? {})) {
        const escaped = path.replaceAll('/', '~1');
        const validate = validatorOf(
          `/paths/${escaped}/${method}/responses/${status}/content/${media.replace('/', '~1')}/schema`,
        );
        const values = [
          content.example,
          ...Object.values(content.examples ?? {}).map((example) => example.value),
        ];
        for (const value of values.filter((candidate) => candidate !== undefined)) {
          t.true(validate(value), `${method} ${path} ${status}: ${ajv.errorsText(validate.errors)}`);
          checked += 1;
        }
      }
    }
  }
  t.true(checked >= Object.keys(answerExamples).length);
});

test('the statuses in the document are the ones the database has', (t) => {
  const view = document.components.schemas.StatusView as { properties: { status: { enum: string[] } } };
  t.deepEqual(view.properties.status.enum, [...APPLICATION_STATUSES]);
});

test('every problem answer lists the types and titles of the problem kinds of its status', (t) => {
  for (const { path, method, operation } of operations) {
    const answerOf = (status: number) =>
      operation.responses[String(status)]?.content?.['application/problem+json'];
    for (const kind of Object.values(PROBLEMS).filter(
      (candidate) => candidate.slug !== 'method-not-allowed',
    )) {
      const answer = answerOf(kind.status);
      if (!answer) continue;
      const narrowed = (
        answer.schema as { allOf: { properties?: { type: { enum: string[] }; title: { enum: string[] } } }[] }
      ).allOf[1]?.properties;
      if (!narrowed?.title.enum.includes(kind.title)) continue;
      t.true(narrowed.type.enum.includes(problemTypeOf(kind)), `${method} ${path} ${kind.status}`);
    }
  }
  const submit = document.paths['/applications']?.post?.responses ?? {};
  t.deepEqual(Object.keys(submit).sort(), [
    '202',
    '400',
    '401',
    '403',
    '409',
    '413',
    '415',
    '422',
    '429',
    '500',
    '503',
  ]);
  const titles400 = (
    submit['400']?.content?.['application/problem+json']?.schema as {
      allOf: { properties: { title: { enum: string[] } } }[];
    }
  ).allOf[1]?.properties.title.enum;
  t.deepEqual(titles400?.sort(), [
    'Invalid Idempotency-Key header',
    'Malformed request',
    'Personal data in a header',
  ]);
});

test('every answer documents the trace ids and the security headers, as helmet sends them', (t) => {
  const security = Object.keys(securityHeaderValues());
  t.true(security.includes('Cache-Control') && security.includes('X-Content-Type-Options'));
  for (const { path, method, operation } of operations) {
    for (const [status, answer] of Object.entries(operation.responses)) {
      const names = Object.keys(answer.headers ?? {});
      for (const name of ['X-Request-Id', 'X-Correlation-Id', ...security]) {
        t.true(names.includes(name), `${method} ${path} ${status} lacks ${name}`);
      }
    }
  }
});

test('the request headers say what the API takes: any trace id without a PAN, an Idempotency-Key by its pattern', (t) => {
  const { parameters } = document.components;
  const traceId = ajv.compile(parameters.RequestId?.schema ?? {});
  for (const id of ['req-123', '', 'has space', 'x'.repeat(100), 'ABCDE1234F', 'id-abcde1234f-1']) {
    t.is(traceId(id), !containsPan(id), id);
  }
  t.true(SAFE_ID.test('req-123'));
  const key = ajv.compile(parameters.IdempotencyKey?.schema ?? {});
  for (const candidate of ['k-1', '', 'has space', 'x'.repeat(256), 'key-ABCDE1234F']) {
    t.is(key(candidate), IDEMPOTENCY_KEY.test(candidate) && !containsPan(candidate), candidate);
  }
});

test('every operation is secured by an API key or an access token with its scope, and documents 401, 403 and 429', (t) => {
  const scopes = operations.map(({ path, method, operation }) => {
    t.true(['401', '403', '429'].every((status) => status in operation.responses));
    t.deepEqual(Object.keys(Object.assign({}, ...operation.security) as object).sort(), [
      'accessToken',
      'apiKey',
    ]);
    return `${method} ${path}: ${[...new Set(operation.security.flatMap((requirement) => Object.values(requirement).flat()))].join()}`;
  });
  t.deepEqual(scopes.sort(), [
    'delete /applications/{application_id}/personal-data: applications:erase',
    'get /applications/{application_id}/status: applications:read',
    'get /applications/{application_id}: applications:read',
    'post /applications: applications:submit',
  ]);
  t.deepEqual(
    [...new Set(Object.values(OPERATIONS).map((operation) => operation.scope))].sort(),
    [...ALL_SCOPES].sort(),
  );
  t.is(document.components.securitySchemes.apiKey?.scheme, 'bearer');
  t.is(document.components.securitySchemes.accessToken?.scheme, 'bearer');
});

test('every operation documents 500, and 503 and 429 with Retry-After', (t) => {
  for (const { operation } of operations) {
    t.truthy(operation.responses['500']);
    for (const status of ['503', '429']) t.truthy(operation.responses[status]?.headers?.['Retry-After']);
  }
});
