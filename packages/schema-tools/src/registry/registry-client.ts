import { fetch, type Response } from 'undici';
import { UsageError } from '../usage-error.ts';
import type { RegistryAccess } from './registry-access.ts';

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/** A version of a subject as the registry holds it. */
export interface RegisteredSchema {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly schema: string;
}

export interface CompatibilityAnswer {
  readonly isCompatible: boolean;
  /** Confluent's reasons (verbose=true); Apicurio gives none. */
  readonly messages: readonly string[];
}

/** An answer of the registry that is not a success. */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  readonly status: number;
  readonly errorCode: number | undefined;

  constructor(message: string, status: number, errorCode: number | undefined) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }
}

/** The Confluent Schema Registry REST API, as much of it as the CLI uses (undici's fetch, no cache). */
export class RegistryClient {
  readonly baseUrl: string;
  readonly #access: RegistryAccess;

  constructor(baseUrl: string, access: RegistryAccess = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.#access = access;
  }

  /** Fails with a clear message unless a Confluent-compatible registry answers at the URL. */
  async ping(): Promise<void> {
    try {
      await this.call('GET', '/config');
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error;
      if (error.status === 401 || error.status === 403)
        throw new UsageError(
          `the schema registry at ${this.baseUrl} refused us (HTTP ${error.status}): check SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD`,
        );
      throw new UsageError(
        `no Confluent-compatible schema registry at ${this.baseUrl} (GET /config: HTTP ${error.status})`,
      );
    }
  }

  /** The latest version of a subject, or undefined when the subject does not exist. */
  async latest(subject: string): Promise<RegisteredSchema | undefined> {
    return this.version(subject, 'latest');
  }

  async version(subject: string, version: number | 'latest'): Promise<RegisteredSchema | undefined> {
    return this.orUndefined(
      this.call<RegisteredSchema>('GET', `/subjects/${enc(subject)}/versions/${version}`),
    );
  }

  /** The version numbers of a subject, oldest first; empty when it does not exist. */
  async versions(subject: string): Promise<number[]> {
    return (await this.orUndefined(this.call<number[]>('GET', `/subjects/${enc(subject)}/versions`))) ?? [];
  }

  /** Whether a schema may become the next version, against the latest one (`verbose=true` for reasons). */
  async testCompatibility(subject: string, schema: string): Promise<CompatibilityAnswer> {
    const path = `/compatibility/subjects/${enc(subject)}/versions/latest?verbose=true`;
    const answer = await this.call<{ is_compatible: boolean; messages?: string[] }>('POST', path, { schema });
    return { isCompatible: answer.is_compatible, messages: answer.messages ?? [] };
  }

  /** The subject's compatibility level, else the global one. */
  async compatibilityLevel(subject: string): Promise<string | undefined> {
    const answer =
      (await this.orUndefined(
        this.call<{ compatibilityLevel?: string }>('GET', `/config/${enc(subject)}`),
      )) ?? (await this.call<{ compatibilityLevel?: string }>('GET', '/config'));
    return answer.compatibilityLevel;
  }

  async setCompatibilityLevel(subject: string, level: string): Promise<void> {
    await this.call('PUT', `/config/${enc(subject)}`, { compatibility: level });
  }

  /** The version of a subject that holds exactly this schema, if any. */
  async lookup(subject: string, schema: string): Promise<RegisteredSchema | undefined> {
    return this.orUndefined(this.call<RegisteredSchema>('POST', `/subjects/${enc(subject)}`, { schema }));
  }

  /** Registers a schema under a subject (the registry refuses, 409, what breaks the subject's level). */
  async register(subject: string, schema: string): Promise<{ id: number }> {
    return this.call<{ id: number }>('POST', `/subjects/${enc(subject)}/versions`, {
      schema,
      schemaType: 'AVRO',
    });
  }

  private async orUndefined<T>(request: Promise<T>): Promise<T | undefined> {
    try {
      return await request;
    } catch (error) {
      // Confluent's "not found" codes (40401 subject, 40402 version, 40403 schema); a bare 404 is a wrong URL.
      if (error instanceof RegistryError && error.status === 404 && error.errorCode !== undefined)
        return undefined;
      throw error;
    }
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${this.baseUrl}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          Accept: CONTENT_TYPE,
          // undici 8's fetch hands a compressed body over as it came (Apicurio gzips its errors);
          // the answers are small JSON, so ask for none.
          'Accept-Encoding': 'identity',
          'Content-Type': CONTENT_TYPE,
          ...(this.#access.authorization ? { Authorization: this.#access.authorization } : {}),
        },
        ...(this.#access.dispatcher ? { dispatcher: this.#access.dispatcher } : {}),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      const cause =
        error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new UsageError(`the schema registry at ${this.baseUrl} does not answer (${cause})`);
    }
    const json = parseJson(await response.text());
    if (!response.ok) {
      const { message, error_code: errorCode } = (json ?? {}) as { message?: string; error_code?: number };
      throw new RegistryError(
        message ?? `${method} ${path}: HTTP ${response.status}`,
        response.status,
        errorCode,
      );
    }
    return json as T;
  }
}

function enc(subject: string): string {
  return encodeURIComponent(subject);
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return { message: text.slice(0, 500) };
  }
}
