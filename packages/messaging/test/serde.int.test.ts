import test from 'ava';
import { COMPATIBILITY, SchemaType } from '@kafkajs/confluent-schema-registry';
import { schemaOf, valueSubject } from '@prequal/events';
import {
  IncompatibleWriterSchemaError,
  NotConfluentAvroError,
  UnknownSchemaIdError,
} from '@prequal/messaging';
import { aSubmittedEvent, createPipelineHarness } from '@prequal/testkit';

interface Field {
  name: string;
  type: unknown;
  default?: unknown;
  doc: string;
}
const current = schemaOf('loan_applications_submitted') as unknown as { fields: Field[] };

function withFields(fields: Field[]): string {
  return JSON.stringify({ ...current, fields });
}

test('a message from a newer producer (one more field, with a default) decodes with our reader', async (t) => {
  const harness = await createPipelineHarness(1);
  t.teardown(() => harness.dispose());
  const { registry, serde, topics } = harness;
  const newer = withFields([
    ...current.fields,
    { name: 'channel', type: 'string', default: 'web', doc: 'Where the application came from.' },
  ]);
  const { id } = await registry.register(
    { type: SchemaType.AVRO, schema: newer },
    {
      subject: valueSubject(topics.loan_applications_submitted),
      compatibility: COMPATIBILITY.FULL_TRANSITIVE,
    },
  );
  const event = aSubmittedEvent();
  const bytes = await registry.encode(id, { ...event, channel: 'partner-api' });

  const decoded = await serde.decode('loan_applications_submitted', bytes);

  t.deepEqual({ ...decoded }, event);
});

test('a message from an older producer (a field not there yet) decodes with its default', async (t) => {
  const harness = await createPipelineHarness(1);
  t.teardown(() => harness.dispose());
  const { registry, serde, topics } = harness;
  const subject = valueSubject(`${topics.loan_applications_submitted}.older`);
  const older = withFields(current.fields.filter((field) => field.name !== 'applicantName'));
  const { id } = await registry.register(
    { type: SchemaType.AVRO, schema: older },
    { subject, compatibility: COMPATIBILITY.FULL_TRANSITIVE },
  );
  const { applicantName: _, ...event } = aSubmittedEvent();
  const bytes = await registry.encode(id, event);

  const decoded = await serde.decode('loan_applications_submitted', bytes);

  t.deepEqual({ ...decoded }, { ...event, applicantName: null });
});

test('our own messages round-trip, with the schema id looked up once from the registry', async (t) => {
  const harness = await createPipelineHarness(1);
  t.teardown(() => harness.dispose());
  const { serde } = harness;
  await serde.resolveWriterIds(['loan_applications_submitted']);
  const event = aSubmittedEvent({ monthlyIncomeInr: '75000.01', loanAmountInr: '3600000.00' });
  const bytes = serde.encode('loan_applications_submitted', event);
  t.is(bytes.readUInt8(0), 0);
  t.deepEqual({ ...(await serde.decode('loan_applications_submitted', bytes)) }, event);
});

test('bytes that are not Confluent Avro and unknown schema ids are refused with named errors', async (t) => {
  const harness = await createPipelineHarness(1);
  t.teardown(() => harness.dispose());
  const { serde } = harness;
  await t.throwsAsync(serde.decode('loan_applications_submitted', Buffer.from('{"json":true}')), {
    instanceOf: NotConfluentAvroError,
  });
  await t.throwsAsync(
    serde.decode('loan_applications_submitted', Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 1])),
    {
      instanceOf: UnknownSchemaIdError,
    },
  );
});

test('a writer schema that cannot be read with ours is refused, not misread', async (t) => {
  const harness = await createPipelineHarness(1);
  t.teardown(() => harness.dispose());
  const { registry, serde, topics } = harness;
  const unrelated = JSON.stringify({
    type: 'record',
    name: 'LoanApplicationSubmitted',
    namespace: 'in.prequal.loan',
    fields: [{ name: 'eventId', type: 'int' }],
  });
  const { id } = await registry.register(
    { type: SchemaType.AVRO, schema: unrelated },
    {
      subject: valueSubject(`${topics.loan_applications_submitted}.unrelated`),
      compatibility: COMPATIBILITY.NONE,
    },
  );
  const bytes = await registry.encode(id, { eventId: 7 });
  await t.throwsAsync(serde.decode('loan_applications_submitted', bytes), {
    instanceOf: IncompatibleWriterSchemaError,
  });
});
