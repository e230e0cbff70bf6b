import { errorProperty } from '@prequal/service-kit';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type avro from 'avsc';
import {
  logicalTypes,
  parseSchema,
  schemaOf,
  valueSubject,
  type EventOf,
  type TopicName,
} from '@prequal/events';
import {
  IncompatibleWriterSchemaError,
  InvalidEventError,
  MalformedPayloadError,
  NotConfluentAvroError,
  RegistryUnavailableError,
  UnknownSchemaIdError,
} from './errors.ts';
import type { TopicNames } from './topic-names.ts';
import { EventCipher } from '@prequal/pii';
import { plainRegistry, registryHttpsAgent, type RegistryConnection } from './registry-connection.ts';

type Resolver = ReturnType<avro.Type['createResolver']>;

const MAGIC_BYTE = 0;
const HEADER_LENGTH = 5;

/** A registry client (credentials and CA as configured) that builds writer types with our logical types. */
export function createRegistry(connection: RegistryConnection | string): SchemaRegistry {
  const { url, auth, ...rest } = typeof connection === 'string' ? plainRegistry(connection) : connection;
  const agent = registryHttpsAgent({ url, ...rest });
  return new SchemaRegistry(
    {
      host: url,
      ...(auth ? { auth } : {}),
      ...(agent ? { agent } : {}),
      retry: { retries: 2, initialRetryTimeInSecs: 0.1, maxRetryTimeInSecs: 2 },
    },
    { [SchemaType.AVRO]: { logicalTypes } },
  );
}

// The registry client reports a refused, reset or timed-out connection only in its message.
const NETWORK_FAILURE = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|socket hang up|timeout/i;

/**
 * The adapter of @kafkajs/confluent-schema-registry's errors: whether the registry could not be
 * reached or failed on its side (5xx). The client reports a refused connection as status 400 with
 * the network error in its message.
 */
function registryUnreachable(error: unknown): boolean {
  const status = registryStatus(error);
  return (status !== undefined && status >= 500) || NETWORK_FAILURE.test(String(error));
}

function registryStatus(error: unknown): number | undefined {
  const status = errorProperty(error, 'status');
  return typeof status === 'number' ? status : undefined;
}

/**
 * Avro serde for the topic table in the Confluent wire format. Schema ids of what we write are
 * looked up once (`resolveWriterIds`), writer schemas of what we read are fetched once per id and
 * their resolvers against our reader schema cached, so no message costs an HTTP call.
 */
export class EventSerde {
  readonly #registry: SchemaRegistry;
  readonly #topics: TopicNames;
  /** Seals the PII-tagged fields of what is encoded; opens them on decode when it holds a keyring. */
  readonly cipher: EventCipher;
  readonly #readers = new Map<TopicName, avro.Type>();
  readonly #writerIds = new Map<TopicName, number>();
  readonly #resolvers = new Map<string, Promise<Resolver | undefined>>();

  constructor(
    registry: SchemaRegistry,
    topics: TopicNames,
    cipher: EventCipher = new EventCipher(undefined),
  ) {
    this.#registry = registry;
    this.#topics = topics;
    this.cipher = cipher;
  }

  /** Our (reader and writer) type of a topic's events, parsed once. */
  typeOf(topic: TopicName): avro.Type {
    let type = this.#readers.get(topic);
    if (!type) {
      type = parseSchema(schemaOf(topic) as unknown as avro.Schema);
      this.#readers.set(topic, type);
    }
    return type;
  }

  /** Whether the registry ids of our schemas for these topics are known (no registry call needed). */
  hasWriterIds(topics: readonly TopicName[]): boolean {
    return topics.every((topic) => this.#writerIds.has(topic));
  }

  /** Looks up, once, the registry ids of our schemas for the topics we write. */
  async resolveWriterIds(topics: readonly TopicName[]): Promise<void> {
    for (const topic of topics) {
      if (this.#writerIds.has(topic)) continue;
      try {
        const id = await this.#registry.getRegistryIdBySchema(valueSubject(this.#topics[topic]), {
          type: SchemaType.AVRO,
          schema: JSON.stringify(schemaOf(topic)),
        });
        this.#writerIds.set(topic, id);
      } catch (error) {
        throw new RegistryUnavailableError(
          `schema of ${this.#topics[topic]} not found in the registry (run make schemas-register): ${String(error)}`,
          { cause: error },
        );
      }
    }
  }

  /**
   * Avro in the Confluent wire format, PII-tagged fields sealed (already sealed ones as they are);
   * `resolveWriterIds` must have run for the topic.
   */
  encode<T extends TopicName>(topic: T, event: EventOf<T>): Buffer {
    const id = this.#writerIds.get(topic);
    if (id === undefined) throw new RegistryUnavailableError(`writer schema id of ${topic} not resolved yet`);
    const type = this.typeOf(topic);
    const sealed = this.cipher.seal(topic, event);
    let payload: Buffer;
    try {
      payload = type.toBuffer(sealed);
    } catch (error) {
      // avsc's message quotes the whole event, personal data included: name the fields only.
      throw new InvalidEventError(`event does not match the ${topic} schema: ${invalidPaths(type, event)}`, {
        cause: error,
      });
    }
    const header = Buffer.alloc(HEADER_LENGTH);
    header.writeUInt8(MAGIC_BYTE, 0);
    header.writeInt32BE(id, 1);
    return Buffer.concat([header, payload]);
  }

  /** Decodes a message of `topic` written with any schema version that resolves against ours. */
  async decode<T extends TopicName>(topic: T, bytes: Buffer | null): Promise<EventOf<T>> {
    if (!bytes || bytes.length < HEADER_LENGTH || bytes.readUInt8(0) !== MAGIC_BYTE) {
      throw new NotConfluentAvroError('message is not Avro in the Confluent wire format');
    }
    const schemaId = bytes.readInt32BE(1);
    const reader = this.typeOf(topic);
    const resolver = await this.#resolverFor(topic, reader, schemaId);
    const payload = bytes.subarray(HEADER_LENGTH);
    let event: EventOf<T>;
    try {
      event = (resolver ? reader.fromBuffer(payload, resolver) : reader.fromBuffer(payload)) as EventOf<T>;
    } catch (error) {
      throw new MalformedPayloadError(`payload does not decode with schema ${schemaId}: ${String(error)}`, {
        cause: error,
      });
    }
    // A reader without a keyring still decodes, and sees the sealed values.
    return this.cipher.canOpen ? this.cipher.open(topic, event) : event;
  }

  #resolverFor(topic: TopicName, reader: avro.Type, schemaId: number): Promise<Resolver | undefined> {
    const key = `${topic}:${schemaId}`;
    let resolver = this.#resolvers.get(key);
    if (!resolver) {
      resolver = this.#createResolver(reader, schemaId);
      this.#resolvers.set(key, resolver);
      resolver.catch(() => this.#resolvers.delete(key));
    }
    return resolver;
  }

  async #createResolver(reader: avro.Type, schemaId: number): Promise<Resolver | undefined> {
    let writer: avro.Type;
    try {
      writer = (await this.#registry.getSchema(schemaId)) as unknown as avro.Type;
    } catch (error) {
      if (registryStatus(error) === 404) {
        throw new UnknownSchemaIdError(`schema id ${schemaId} is unknown to the registry`, { cause: error });
      }
      if (registryUnreachable(error)) {
        throw new RegistryUnavailableError(`registry did not return schema ${schemaId}: ${String(error)}`, {
          cause: error,
        });
      }
      // Any other refusal (a 4xx, a schema type we cannot build) will not change on a retry.
      throw new IncompatibleWriterSchemaError(`writer schema ${schemaId} cannot be used: ${String(error)}`, {
        cause: error,
      });
    }
    if (writer.equals(reader)) return undefined;
    try {
      return reader.createResolver(writer);
    } catch (error) {
      throw new IncompatibleWriterSchemaError(`writer schema ${schemaId} cannot be read: ${String(error)}`, {
        cause: error,
      });
    }
  }
}

/** The paths of the fields of `value` that do not fit `type` (avsc's own error quotes the values). */
function invalidPaths(type: avro.Type, value: unknown): string {
  const paths: string[] = [];
  type.isValid(value, {
    errorHook: (path) => {
      paths.push(path.join('.') || '(the event)');
    },
  });
  return paths.length > 0 ? `invalid ${paths.join(', ')}` : 'it does not encode';
}
