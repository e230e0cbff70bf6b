import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../src/http/openapi.ts';

/*
 * Every answer a test gets from the API, checked against the OpenAPI document the API serves:
 * its status is documented for the operation, its headers are documented (and the required ones
 * there, each matching its schema), its content type is documented and its body matches the
 * schema (ajv with ajv-formats, JSON Schema 2020-12). A path the document does not have must be
 * a 404 problem, a method a documented path does not take a 405 problem whose Allow lists the
 * documented methods. The docs routes are not the API's contract and are not checked.
 */

interface Header {
  required?: boolean;
  schema: { type?: string };
}
interface Answer {
  headers?: Record<string, Header | { $ref: string }>;
  content?: Record<string, unknown>;
}
interface Document {
  paths: Record<string, Record<string, { responses: Record<string, Answer> }>>;
  components: { headers: Record<string, Header> };
}

/** Headers of HTTP itself, which no document lists. */
const TRANSPORT_HEADERS = new Set([
  'connection',
  'content-length',
  'content-type',
  'date',
  'keep-alive',
  'transfer-encoding',
  'vary',
]);

const DOCS = /^\/(docs(\/.*)?|openapi\.json)$/;

const document = openApiDocument({ serverUrl: 'http://localhost:3000' }) as unknown as Document;
const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
// ajv-formats is CommonJS: its default export, seen from a module, is the plugin's module object.
addFormats.default(ajv);
ajv.addSchema(document, 'openapi.json');

const compiled = new Map<string, ValidateFunction>();

function validatorAt(pointer: string): ValidateFunction {
  let validate = compiled.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `openapi.json#${pointer}` });
    compiled.set(pointer, validate);
  }
  return validate;
}

const escape = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

const templates = Object.keys(document.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

function mediaTypeOf(response: Response): string | undefined {
  return response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
}

function schemaErrors(validate: ValidateFunction, value: unknown): string | undefined {
  return validate(value) ? undefined : ajv.errorsText(validate.errors, { dataVar: 'body' });
}

function headerProblems(pointer: string, answer: Answer, response: Response): string[] {
  const problems: string[] = [];
  const documented = new Map(
    Object.entries(answer.headers ?? {}).map(([name, header]) => {
      const resolved =
        '$ref' in header ? document.components.headers[header.$ref.split('/').pop() ?? ''] : header;
      return [name.toLowerCase(), { name, header: resolved }] as const;
    }),
  );
  for (const [lower, { name, header }] of documented) {
    const value = response.headers.get(lower);
    if (value === null) {
      if (header?.required) problems.push(`the required header ${name} is missing`);
      continue;
    }
    const typed = header?.schema.type === 'integer' && /^\d+$/.test(value) ? Number(value) : value;
    const validate = ajv.compile(header?.schema ?? {});
    if (!validate(typed))
      problems.push(`header ${name}: ${JSON.stringify(value)} ${ajv.errorsText(validate.errors)}`);
  }
  for (const [lower] of response.headers) {
    if (!TRANSPORT_HEADERS.has(lower) && !documented.has(lower))
      problems.push(`the header ${lower} is not documented at ${pointer}`);
  }
  return problems;
}

async function bodyProblems(pointer: string, answer: Answer, response: Response): Promise<string[]> {
  const text = await response.text();
  const media = mediaTypeOf(response);
  if (!answer.content) {
    return text === '' && media === undefined
      ? []
      : [`a body (${media ?? 'no type'}) where ${pointer} documents none`];
  }
  if (media === undefined || !(media in answer.content)) {
    return [
      `content type ${media ?? '(none)'} is not one of ${Object.keys(answer.content).join(', ')} at ${pointer}`,
    ];
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [`the body is not JSON: ${text.slice(0, 200)}`];
  }
  const errors = schemaErrors(validatorAt(`${pointer}/content/${escape(media)}/schema`), body);
  return errors ? [`${errors} in ${text.slice(0, 500)}`] : [];
}

/** The headers of every answer: those of a 404 problem, which carries no others. */
const EVERY_ANSWER: Answer = {
  headers: document.paths['/applications/{application_id}']?.get?.responses['404']?.headers ?? {},
};

/** A path outside the document, or a method its path does not take: a problem with those headers. */
async function routingProblems(response: Response, expected: 404 | 405): Promise<string[]> {
  const allow = { Allow: { required: true, schema: { type: 'string' } } };
  const answer = expected === 405 ? { headers: { ...EVERY_ANSWER.headers, ...allow } } : EVERY_ANSWER;
  const problems = headerProblems('every answer', answer, response);
  if (response.status !== expected) problems.push(`it must be ${expected}`);
  if (mediaTypeOf(response) !== 'application/problem+json')
    problems.push('it must be application/problem+json');
  const body = schemaErrors(
    validatorAt('/components/schemas/Problem'),
    await response.json().catch(() => null),
  );
  return body ? [...problems, body] : problems;
}

/** The disagreements between an answer and the document, for a request of `method` to `url`. */
export async function contractProblems(method: string, url: string, response: Response): Promise<string[]> {
  const path = new URL(url, 'http://api').pathname;
  if (DOCS.test(path)) return [];
  const lowerMethod = method.toLowerCase();
  const matched = templates.find(({ pattern }) => pattern.test(path));
  const where = `${method} ${path} answered ${response.status}`;
  if (!matched) {
    return (await routingProblems(response, 404)).map(
      (problem) => `${where} (a path the document has not): ${problem}`,
    );
  }
  const operations = document.paths[matched.template] ?? {};
  if (!(lowerMethod in operations)) {
    const problems = await routingProblems(response, 405);
    const allowed = Object.keys(operations)
      .map((name) => name.toUpperCase())
      .sort()
      .join(', ');
    const allow = (response.headers.get('allow') ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== 'HEAD');
    if (allow.sort().join(', ') !== allowed)
      problems.push(`Allow is ${response.headers.get('allow')}; the document has ${allowed}`);
    return problems.map((problem) => `${where} (a method ${matched.template} does not take): ${problem}`);
  }
  const responses = operations[lowerMethod]?.responses ?? {};
  const status = String(response.status);
  if (!(status in responses))
    return [`${where}: status ${status} is not documented (${Object.keys(responses).join(', ')})`];
  const pointer = `/paths/${escape(matched.template)}/${lowerMethod}/responses/${status}`;
  const answer = responses[status] ?? {};
  return [
    ...headerProblems(pointer, answer, response),
    ...(await bodyProblems(pointer, answer, response)),
  ].map((problem) => `${where}: ${problem}`);
}

/** Throws when an answer disagrees with the document; the answer stays unread for the test. */
export async function assertAnswerAsDocumented(
  method: string,
  url: string,
  response: Response,
): Promise<void> {
  const problems = await contractProblems(method, url, response.clone());
  if (problems.length > 0)
    throw new Error(`the answer disagrees with the OpenAPI document:\n${problems.join('\n')}`);
}

/** fetch, with every answer checked against the document. */
export async function checkedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, init);
  await assertAnswerAsDocumented(init.method ?? 'GET', url, response);
  return response;
}
