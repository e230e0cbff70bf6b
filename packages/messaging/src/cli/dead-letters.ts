#!/usr/bin/env node
// `make dlt-list TOPIC=<x>.DLT` and `make dlt-replay TOPIC=<x>.DLT [FROM=offset]`: inspect a
// dead-letter topic, or put its messages back on their original topic once the cause is fixed
// (the consumers are idempotent, so replaying something already applied changes nothing).
import { parseArgs } from 'node:util';
import Joi from 'joi';
import { createLogger, loadConfig } from '@prequal/service-kit';
import {
  describeDeadLetter,
  printable,
  readDeadLetters,
  replayMessage,
  replayTargetOf,
} from '../dead-letters.ts';
import { createKafka } from '../kafka.ts';
import { createIdempotentProducer } from '../producer.ts';
import { kafkaSettings, type KafkaSettings } from '../settings.ts';
import { topicNamesWithPrefix } from '../topic-names.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { from: { type: 'string', default: '0' } },
});
const [command, topic] = positionals;
if ((command !== 'list' && command !== 'replay') || !topic) {
  process.stderr.write('usage: dead-letters list|replay <topic>.DLT [--from <offset>]\n');
  process.exit(2);
}
const config = loadConfig(Joi.object<KafkaSettings>(kafkaSettings));
let target: string | undefined;
try {
  // Only a dead-letter topic of ours, and only back to its own topic (checked before reading).
  target =
    command === 'replay' ? replayTargetOf(topic, topicNamesWithPrefix(config.TOPIC_PREFIX)) : undefined;
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
const kafka = createKafka('dead-letters', config, createLogger({ name: 'dead-letters', level: 'warn' }));
const letters = (await readDeadLetters(kafka, topic)).filter(
  (letter) => BigInt(letter.offset) >= BigInt(values.from),
);
if (command === 'list') {
  process.stdout.write(`${letters.length} dead letter(s) in ${printable(topic)}\n`);
  for (const letter of letters) process.stdout.write(`${describeDeadLetter(letter)}\n`);
} else {
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  let replayed = 0;
  try {
    for (const letter of letters) {
      let replay;
      try {
        replay = replayMessage(letter, target ?? '');
      } catch (error) {
        process.stderr.write(`skipped: ${error instanceof Error ? error.message : String(error)}\n`);
        continue;
      }
      await producer.send({ topic: replay.topic, messages: [replay.message], acks: -1 });
      replayed += 1;
      process.stdout.write(`replayed offset ${letter.offset} to ${replay.topic}\n`);
    }
  } finally {
    await producer.disconnect();
  }
  process.stdout.write(`${replayed} of ${letters.length} message(s) replayed\n`);
}
