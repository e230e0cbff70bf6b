import { schemaOf, topicTable, type EventOf, type TopicName } from '@prequal/events';
import { PersonalDataKeyMissingError } from './errors.ts';
import type { Keyring } from './keyring.ts';
import { isSealed, openValue, sealValue } from './sealed-value.ts';

/** The tag that marks a field as personal data, as Confluent's schemas write it. */
export const PII_TAG = 'PII';

interface SchemaField {
  readonly name: string;
  readonly 'confluent:tags'?: readonly string[];
}

/** The fields of a topic's schema tagged PII: what is sealed in every event of it. */
export function personalDataFields(topic: TopicName): readonly string[] {
  const fields = (schemaOf(topic) as unknown as { fields: readonly SchemaField[] }).fields;
  return fields.filter((field) => field['confluent:tags']?.includes(PII_TAG)).map((field) => field.name);
}

const fieldsByTopic = new Map<TopicName, readonly string[]>();

function fieldsOf(topic: TopicName): readonly string[] {
  let fields = fieldsByTopic.get(topic);
  if (!fields) {
    fields = personalDataFields(topic);
    fieldsByTopic.set(topic, fields);
  }
  return fields;
}

/**
 * Seals and opens the PII-tagged fields of events, driven by the schema (no code per field): each
 * tagged string is sealed with the current data key, its associated data `<record>.<field>`.
 * Sealing is idempotent (a sealed value is left as it is), so an event sealed before it went to the
 * outbox goes to Kafka unchanged. Without a keyring nothing can be sealed or opened.
 */
export class EventCipher {
  readonly #keyring: Keyring | undefined;

  constructor(keyring: Keyring | undefined) {
    this.#keyring = keyring;
  }

  get canOpen(): boolean {
    return this.#keyring !== undefined;
  }

  /** The event with its personal data sealed (an event without tagged fields as it is). */
  seal<T extends TopicName>(topic: T, event: EventOf<T>): EventOf<T> {
    return this.#map(topic, event, (value, field) => {
      if (isSealed(value)) return value;
      if (!this.#keyring) {
        throw new PersonalDataKeyMissingError(
          `${field} is personal data: it cannot go out unsealed, and there is no keyring`,
        );
      }
      return sealValue(value, this.#keyring, field);
    });
  }

  /** The event with its personal data opened (a value that is not sealed, from before, as it is). */
  open<T extends TopicName>(topic: T, event: EventOf<T>): EventOf<T> {
    return this.#map(topic, event, (value, field) =>
      isSealed(value) ? openValue(value, this.#keyring, field) : value,
    );
  }

  #map<T extends TopicName>(
    topic: T,
    event: EventOf<T>,
    change: (value: string, field: string) => string,
  ): EventOf<T> {
    const fields = fieldsOf(topic);
    if (fields.length === 0) return event;
    const record = { ...(event as unknown as Record<string, unknown>) };
    const recordName = topicTable[topic];
    for (const field of fields) {
      const value = record[field];
      if (typeof value === 'string')
        record[field] = change(value, `${recordName.slice(recordName.lastIndexOf('.') + 1)}.${field}`);
    }
    return record as unknown as EventOf<T>;
  }
}
