import { Bench } from 'tinybench';
import type { EventSerde } from '@prequal/messaging';
import { topicNames, type EventOf, type TopicName } from '@prequal/events';
import { personalDataFields } from '@prequal/pii';
import { createPipelineHarness } from '@prequal/testkit';
import { onCleanup } from '../cleanup.ts';
import { creditReportFor, decisionFor, submittedEvents } from '../load/events.ts';
import { say } from '../progress.ts';
import type { SerdeRow } from '../results.ts';
import type { ScenarioContext } from './context.ts';

type Records = { readonly [T in TopicName]: readonly EventOf<T>[] };

function records(batch: number): Records {
  const submitted = submittedEvents(batch, 11);
  const reports = submitted.map(creditReportFor);
  return {
    loan_applications_submitted: submitted,
    credit_reports_generated: reports,
    loan_decisions_made: reports.map(decisionFor),
  };
}

function perSecond(bench: Bench, name: string, batch: number): number {
  const task = bench.tasks.find((candidate) => candidate.name === name);
  const result = task?.result;
  if (result?.state !== 'completed') throw new Error(`serde task ${name} did not complete`);
  return (batch * 1000) / result.period;
}

/**
 * Our Avro serde (EventSerde: Confluent wire format, our logical types, schema ids from the
 * registry, PII-tagged fields sealed with the test keyring) against JSON.stringify / JSON.parse of
 * the same records, per event type, and the sealing alone. Each task handles a batch of varied
 * records, so timer resolution does not matter.
 */
export async function runSerdeScenario({ profile }: ScenarioContext): Promise<SerdeRow[]> {
  const { timeMs, batch } = profile.serde;
  const harness = await createPipelineHarness(1);
  const dispose = onCleanup('serde topics', () => harness.dispose());
  try {
    return await measureSerde(harness.serde, timeMs, batch);
  } finally {
    await dispose();
  }
}

async function measureSerde(serde: EventSerde, timeMs: number, batch: number): Promise<SerdeRow[]> {
  await serde.resolveWriterIds(topicNames);
  const rows: SerdeRow[] = [];
  for (const topic of topicNames) {
    const events = records(batch)[topic];
    const avro = events.map((event) => serde.encode(topic, event));
    const json = events.map((event) => JSON.stringify(event));
    await serde.decode(topic, avro[0] ?? null);
    const sealed = events.map((event) => serde.cipher.seal(topic, event));
    const personalData = personalDataFields(topic).length > 0;
    const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs) });
    if (personalData) {
      bench
        .add('seal', () => {
          for (const event of events) serde.cipher.seal(topic, event);
        })
        .add('open', () => {
          for (const event of sealed) serde.cipher.open(topic, event);
        });
    }
    bench
      .add('avro encode', () => {
        for (const event of events) serde.encode(topic, event);
      })
      .add('json encode', () => {
        for (const event of events) JSON.stringify(event);
      })
      .add('avro decode', async () => {
        for (const bytes of avro) await serde.decode(topic, bytes);
      })
      .add('json decode', () => {
        for (const text of json) JSON.parse(text);
      });
    await bench.run();
    const row: SerdeRow = {
      event: serde.typeOf(topic).name?.split('.').at(-1) ?? topic,
      avroEncodePerSecond: perSecond(bench, 'avro encode', batch),
      jsonEncodePerSecond: perSecond(bench, 'json encode', batch),
      avroDecodePerSecond: perSecond(bench, 'avro decode', batch),
      jsonDecodePerSecond: perSecond(bench, 'json decode', batch),
      avroBytes: avro.reduce((sum, bytes) => sum + bytes.length, 0) / avro.length,
      jsonBytes: json.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / json.length,
      ...(personalData && {
        sealPerSecond: perSecond(bench, 'seal', batch),
        openPerSecond: perSecond(bench, 'open', batch),
      }),
    };
    say(
      `serde · ${row.event}: encode Avro ${fmt(row.avroEncodePerSecond)}/s vs JSON ${fmt(row.jsonEncodePerSecond)}/s, ` +
        `decode Avro ${fmt(row.avroDecodePerSecond)}/s vs JSON ${fmt(row.jsonDecodePerSecond)}/s`,
    );
    rows.push(row);
  }
  return rows;
}

function fmt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
