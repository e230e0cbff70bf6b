import test from 'ava';
import {
  applicationRequestSchema,
  parseApplicationRequest,
} from '../src/applications/application-request.ts';
import { jsonSchemaOf } from '../src/http/json-schema-of.ts';
import { openApiDocument, requestExamples } from '../src/http/openapi.ts';

const document = openApiDocument('http://localhost:3000') as {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
};

test('the document is OpenAPI 3.1 with the three application routes', (t) => {
  t.is(document.openapi, '3.1.0');
  t.deepEqual(Object.keys(document.paths).sort(), [
    '/applications',
    '/applications/{application_id}',
    '/applications/{application_id}/status',
  ]);
});

test('the request body schema is the one generated from the joi validation', (t) => {
  const schema = document.paths['/applications']?.post?.requestBody?.content['application/json']?.schema;
  t.deepEqual(schema, jsonSchemaOf(applicationRequestSchema));
});

test('the documented fields are exactly the fields the validation accepts', (t) => {
  const schema = jsonSchemaOf(applicationRequestSchema) as { properties: object; required: string[] };
  const described = applicationRequestSchema.describe() as { keys: object };
  t.deepEqual(Object.keys(schema.properties).sort(), Object.keys(described.keys).sort());
  t.deepEqual(schema.required.sort(), ['loan_amount_inr', 'monthly_income_inr', 'pan_number']);
});

test('the documented money pattern accepts exactly the decimal strings the validation accepts', (t) => {
  const schema = jsonSchemaOf(applicationRequestSchema) as {
    properties: Record<string, { anyOf: { type: string; pattern?: string }[] }>;
  };
  const pattern = schema.properties.loan_amount_inr?.anyOf.find(
    (branch) => branch.type === 'string',
  )?.pattern;
  t.truthy(pattern);
  const documented = new RegExp(pattern ?? '', 'u');
  const candidates = [
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
  ];
  for (const amount of candidates) {
    const valid = parseApplicationRequest({
      pan_number: 'ABCDE1234F',
      monthly_income_inr: amount,
      loan_amount_inr: amount,
    }).ok;
    t.is(documented.test(amount), valid, amount);
  }
});

for (const [name, example] of Object.entries(requestExamples)) {
  test(`the "${name}" example uses a spec test PAN and passes validation`, (t) => {
    t.true(['ABCDE1234F', 'FGHIJ5678K'].includes(example.value.pan_number));
    t.true(parseApplicationRequest(example.value).ok);
  });
}

test('every operation documents the request and correlation id headers, 500 and 503 with Retry-After', (t) => {
  const operations = Object.values(
    document.paths as unknown as Record<
      string,
      Record<string, { parameters: { name: string }[]; responses: Record<string, { headers?: object }> }>
    >,
  ).flatMap((path) => Object.values(path));
  t.is(operations.length, 4);
  for (const operation of operations) {
    const names = operation.parameters.map((parameter) => parameter.name);
    t.true(names.includes('X-Request-Id') && names.includes('X-Correlation-Id'));
    t.truthy(operation.responses['500']);
    t.truthy(operation.responses['503']?.headers && 'Retry-After' in operation.responses['503'].headers);
  }
});

test('every operation is secured by an API key or an access token with its scope, and documents 401, 403 and 429', (t) => {
  const paths = document.paths as unknown as Record<
    string,
    Record<string, { security: Record<string, string[]>[]; responses: Record<string, { headers?: object }> }>
  >;
  const scopes = Object.entries(paths).flatMap(([route, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      t.true('401' in operation.responses && '403' in operation.responses && '429' in operation.responses);
      t.truthy(operation.responses['429']?.headers && 'Retry-After' in operation.responses['429'].headers);
      t.deepEqual(Object.keys(Object.assign({}, ...operation.security) as object).sort(), [
        'accessToken',
        'apiKey',
      ]);
      return `${method} ${route}: ${[...new Set(operation.security.flatMap((requirement) => Object.values(requirement).flat()))].join()}`;
    }),
  );
  t.deepEqual(scopes.sort(), [
    'delete /applications/{application_id}: applications:erase',
    'get /applications/{application_id}/status: applications:read',
    'get /applications/{application_id}: applications:read',
    'post /applications: applications:submit',
  ]);
  const schemes = (
    (document as Record<string, unknown>).components as {
      securitySchemes: Record<string, { scheme: string }>;
    }
  ).securitySchemes;
  t.is(schemes.apiKey?.scheme, 'bearer');
  t.is(schemes.accessToken?.scheme, 'bearer');
});
