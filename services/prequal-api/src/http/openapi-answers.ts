import { ANSWER_HEADERS, type AnswerHeader, type HeaderDefinition } from './contract/answer-headers.ts';
import { EVERY_OPERATION, type Operation } from './contract/operations.ts';
import { PROBLEMS, problemTypeOf, type ProblemKind, type ProblemName } from './contract/problems.ts';
import { securityHeaderValues } from './security-headers.ts';
import { PROBLEM_JSON } from './problem.ts';

const ref = (kind: 'schemas' | 'headers', name: string) => ({ $ref: `#/components/${kind}/${name}` });

/** The security headers of every answer, as helmet sends them: each one a fixed value. */
export function securityHeaderComponents(): Record<string, object> {
  return Object.fromEntries(
    Object.entries(securityHeaderValues()).map(([name, value]) => [
      name,
      {
        description: `Sent with every answer: ${value}`,
        required: true,
        schema: { type: 'string', const: value },
      },
    ]),
  );
}

/** The OpenAPI header object of a definition. */
function headerObject({ description, schema, optional }: HeaderDefinition): object {
  return { description, required: optional !== true, schema };
}

/** components/headers: the answer headers always sent where they are, then the security headers. */
export function headerComponents(): Record<string, object> {
  return {
    ...Object.fromEntries(
      Object.entries(ANSWER_HEADERS as Record<string, HeaderDefinition>)
        .filter(([, header]) => header.optional !== true)
        .map(([name, header]) => [name, headerObject(header)]),
    ),
    ...securityHeaderComponents(),
  };
}

/** The headers of an answer: those of every answer, then its own (optional ones written out). */
function headersOf(own: readonly AnswerHeader[]): Record<string, object> {
  const every = ['X-Request-Id', 'X-Correlation-Id', ...Object.keys(securityHeaderValues())];
  return Object.fromEntries(
    [...every, ...own].map((name) => {
      const header = (ANSWER_HEADERS as Record<string, HeaderDefinition | undefined>)[name];
      return [name, header?.optional ? headerObject(header) : ref('headers', name)];
    }),
  );
}

/** The example of a problem as the API gives it. */
function problemExample(kind: ProblemKind, instance: string): Record<string, unknown> {
  return {
    type: problemTypeOf(kind),
    title: kind.title,
    status: kind.status,
    detail: kind.example,
    instance,
    ...(kind.status === 422 ? { errors: [{ field: 'pan_number', message: 'pan_number is required' }] } : {}),
  };
}

/** One status of problems: their common schema narrowed to these kinds, and an example each. */
function problemAnswer(status: number, names: readonly ProblemName[], instance: string): object {
  const kinds: ProblemKind[] = names.map((name) => PROBLEMS[name]);
  const carried = [...new Set(kinds.flatMap((kind) => kind.headers ?? []))];
  if (carried.some((header) => !kinds.every((kind) => kind.headers?.includes(header)))) {
    throw new Error(`the problems of status ${status} differ in their headers: document them apart`);
  }
  return {
    description: kinds.map((kind) => kind.when).join('; or: '),
    headers: headersOf(carried),
    content: {
      [PROBLEM_JSON]: {
        schema: {
          allOf: [
            ref('schemas', 'Problem'),
            {
              properties: {
                type: { enum: [...new Set(kinds.map(problemTypeOf))] },
                title: { enum: [...new Set(kinds.map((kind) => kind.title))] },
                status: { const: status },
              },
              ...(status === 422 ? { required: ['errors'] } : {}),
            },
          ],
        },
        examples: Object.fromEntries(
          names.map((name) => [
            name,
            { summary: PROBLEMS[name].title, value: problemExample(PROBLEMS[name], instance) },
          ]),
        ),
      },
    },
  };
}

/** Every answer an operation gives: its success, then its problems by status. */
export function answersOf(
  operation: Operation,
  examples: Partial<Record<string, unknown>>,
): Record<string, object> {
  const { success } = operation;
  const byStatus = new Map<number, ProblemName[]>();
  for (const name of [...operation.problems, ...EVERY_OPERATION]) {
    const { status } = PROBLEMS[name];
    byStatus.set(status, [...(byStatus.get(status) ?? []), name]);
  }
  const instance = operation.path.replace('{application_id}', '6b1f3c52-0d4e-4f1a-9b7c-2a8d5e6f7a90');
  const answers: Record<string, object> = {
    [success.status]: {
      description: success.description,
      headers: headersOf([...(success.headers ?? []), ...(success.optionalHeaders ?? [])]),
      ...(success.view
        ? {
            content: {
              'application/json': {
                schema: ref('schemas', success.view),
                example: examples[operation.operationId],
              },
            },
          }
        : {}),
    },
  };
  for (const [status, names] of [...byStatus].sort(([a], [b]) => a - b)) {
    answers[status] = problemAnswer(status, names, instance);
  }
  return answers;
}
