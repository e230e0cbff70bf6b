import { EventEmitter } from 'node:events';
import test from 'ava';
import type { Producer } from 'kafkajs';
import { ProducerSession, sequenceLost } from '../src/producer-session.ts';

test('a refused sequence number, however deeply wrapped, means the producer must start over', (t) => {
  const outOfOrder = Object.assign(new Error('out of order'), { type: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
  t.true(sequenceLost(outOfOrder));
  t.true(sequenceLost(Object.assign(new Error('retries exceeded'), { cause: outOfOrder })));
  t.true(sequenceLost({ type: 'UNKNOWN_PRODUCER_ID' }));
  t.false(sequenceLost(Object.assign(new Error('fewer in sync'), { type: 'NOT_ENOUGH_REPLICAS' })));
  t.false(sequenceLost(new Error('connection refused')));
  t.false(sequenceLost(undefined));
});

/** A stand-in kafkajs producer that counts its connects and disconnects. */
function fakeProducer(log: string[], name: string): Producer {
  const events = new EventEmitter();
  return {
    events: { DISCONNECT: 'producer.disconnect' },
    on: (event: string, listener: () => void) => events.on(event, listener),
    connect: () => {
      log.push(`${name} connect`);
      return Promise.resolve();
    },
    disconnect: () => {
      log.push(`${name} disconnect`);
      events.emit('producer.disconnect');
      return Promise.resolve();
    },
  } as unknown as Producer;
}

test('a renewed session sends on a new producer, connected on first use, and lets the old one go', async (t) => {
  const log: string[] = [];
  let made = 0;
  const session = new ProducerSession(() => fakeProducer(log, `p${++made}`));
  const first = await session.connected();
  t.is(await session.connected(), first, 'one connect for many sends');
  await session.renew();
  const second = await session.connected();
  t.not(second, first);
  await session.close();
  t.deepEqual(log, ['p1 connect', 'p1 disconnect', 'p2 connect', 'p2 disconnect']);
});

test('after a disconnect the session connects again', async (t) => {
  const log: string[] = [];
  const session = new ProducerSession(() => fakeProducer(log, 'p'));
  const producer = await session.connected();
  await producer.disconnect();
  await session.connected();
  t.deepEqual(log, ['p connect', 'p disconnect', 'p connect']);
});
