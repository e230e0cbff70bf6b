#!/usr/bin/env node
// `make dlt-list TOPIC=<x>.DLT` and `make dlt-replay TOPIC=<x>.DLT [FROM=offset]`: inspect a
// dead-letter topic, or put its messages back on their original topic once the cause is fixed
// (the consumers are idempotent, so replaying something already applied changes nothing).
import { parseArgs } from 'node:util';
import Joi from 'joi';
import { createLogger, loadConfig } from '@prequal/service-kit';
import { describeDeadLetter, readDeadLetters, replayMessage } from '../dead-letters.ts';
import { createKafka } from '../kafka.ts';
import { createIdempotentProducer } from '../producer.ts';
import { kafkaSettings, type KafkaSettings } from '../settings.ts';

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
const kafka = createKafka('dead-letters', config, createLogger({ name: 'dead-letters', level: 'warn' }));
const letters = (await readDeadLetters(kafka, topic)).filter(
  (letter) => BigInt(letter.offset) >= BigInt(values.from),
);
if (command === 'list') {
  process.stdout.write(`${letters.length} dead letter(s) in ${topic}\n`);
  for (const letter of letters) process.stdout.write(`${describeDeadLetter(letter)}\n`);
} else {
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  try {
    for (const letter of letters) {
      const { topic: original, message } = replayMessage(letter);
      await producer.send({ topic: original, messages: [message], acks: -1 });
      process.stdout.write(`replayed offset ${letter.offset} to ${original}\n`);
    }
  } finally {
    await producer.disconnect();
  }
  process.stdout.write(`${letters.length} message(s) replayed\n`);
}
