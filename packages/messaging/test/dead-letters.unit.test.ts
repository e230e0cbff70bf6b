import test from 'ava';
import {
  deadLetterMessage,
  describeDeadLetter,
  headerValue,
  replayMessage,
  type DeadLetter,
} from '@prequal/messaging';

function aDeadLetter(): DeadLetter {
  const { message } = deadLetterMessage(
    {
      key: Buffer.from('app-1'),
      value: Buffer.from([1, 2, 3]),
      headers: { 'correlation-id': 'c-9' },
      offset: '41',
    },
    { topic: 'loan_applications_submitted', partition: 4, consumerGroup: 'credit-service' },
    Object.assign(new Error('schema id 99 is unknown to the registry'), { name: 'UnknownSchemaIdError' }),
    1,
    new Date('2026-11-25T10:00:00.000Z'),
  );
  return {
    partition: 0,
    offset: '7',
    key: 'app-1',
    value: message.value as Buffer,
    headers: message.headers ?? {},
  };
}

test('a dead letter is described with where it came from and why it failed', (t) => {
  const text = describeDeadLetter(aDeadLetter());
  t.regex(text, /offset 7 \(partition 0\) key app-1, 3 bytes/);
  t.regex(
    text,
    /from loan_applications_submitted\[4\]@41 by credit-service at 2026-11-25T10:00:00.000Z, after 1 attempt/,
  );
  t.regex(text, /UnknownSchemaIdError: schema id 99 is unknown to the registry/);
  t.regex(text, /headers: correlation-id=c-9/);
});

test('a replay goes to the original topic with the original key, bytes and headers only', (t) => {
  const { topic, message } = replayMessage(aDeadLetter());
  t.is(topic, 'loan_applications_submitted');
  t.is(message.key, 'app-1');
  t.deepEqual(message.value, Buffer.from([1, 2, 3]));
  t.is(headerValue(message.headers, 'correlation-id'), 'c-9');
  t.deepEqual(Object.keys(message.headers ?? {}), ['correlation-id']);
});

test('a message without an original topic cannot be replayed', (t) => {
  t.throws(() => replayMessage({ partition: 0, offset: '1', key: undefined, value: null, headers: {} }), {
    message: /no dlt-original-topic header/,
  });
});
