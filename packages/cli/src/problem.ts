interface FieldError {
  readonly field: string;
  readonly message: string;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function fieldErrorsOf(body: Record<string, unknown>): FieldError[] {
  if (!Array.isArray(body.errors)) return [];
  return body.errors.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { field, message } = entry as Record<string, unknown>;
    const text = textOf(message);
    return text === undefined ? [] : [{ field: textOf(field) ?? '(body)', message: text }];
  });
}

/** `pan_number: must be…`, without repeating the field when the message already starts with it. */
function fieldLine({ field, message }: FieldError): string {
  return `  ${message.startsWith(field) ? message : `${field}: ${message}`}`;
}

/**
 * What to tell the user about an error answer: `HTTP 422 Invalid application: <detail>`, then one
 * line per invalid field. Works on any body, problem+json or not (a proxy's HTML page, say).
 */
export function describeRefusal(status: number, body: unknown): string[] {
  const problem = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const title = textOf(problem.title);
  const detail = textOf(problem.detail);
  const head = `HTTP ${status}${title === undefined ? '' : ` ${title}`}${detail === undefined ? '' : `: ${detail}`}`;
  return [head, ...fieldErrorsOf(problem).map(fieldLine)];
}
