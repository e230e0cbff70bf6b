import { describeSchema } from '../avro/describe-schema.ts';
import type { RecordSchema } from '../avro/schema-model.ts';
import type { Violation } from './violation.ts';

/** The fields every event carries, and the type each must have. */
const ENVELOPE: readonly { name: string; type: string }[] = [
  { name: 'eventId', type: 'string (uuid)' },
  { name: 'occurredAt', type: 'long (timestamp-millis)' },
  { name: 'correlationId', type: 'string' },
  { name: 'applicationId', type: 'string (uuid)' },
];

/** Every event has an event id (uuid), occurredAt (timestamp-millis), a correlation id and the application id (uuid). */
export function checkEnvelope(event: RecordSchema): Violation[] {
  return ENVELOPE.flatMap(({ name, type }): Violation[] => {
    const field = event.fields.find((candidate) => candidate.name === name);
    if (!field) {
      const message = `missing field ${name} (${type}): every event carries it`;
      return [{ rule: 'envelope', where: undefined, path: [], message }];
    }
    const actual = describeSchema(field.type);
    if (actual === type) return [];
    return [
      { rule: 'envelope', where: `field ${name}`, path: [name], message: `must be ${type}, not ${actual}` },
    ];
  });
}
