import test from 'ava';
import {
  DEAD_LETTER_HEADERS,
  deadLetterMessage,
  describeDeadLetter,
  headerValue,
  replayMessage,
  replayTargetOf,
  topicNamesWithPrefix,
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
  const { topic, message } = replayMessage(aDeadLetter(), 'loan_applications_submitted');
  t.is(topic, 'loan_applications_submitted');
  t.is(message.key, 'app-1');
  t.deepEqual(message.value, Buffer.from([1, 2, 3]));
  t.is(headerValue(message.headers, 'correlation-id'), 'c-9');
  t.deepEqual(Object.keys(message.headers ?? {}), ['correlation-id']);
});

test('a message without an original topic cannot be replayed', (t) => {
  t.throws(
    () =>
      replayMessage(
        { partition: 0, offset: '1', key: undefined, value: null, headers: {} },
        'loan_applications_submitted',
      ),
    {
      message: /no dlt-original-topic header/,
    },
  );
});

test('only a dead-letter topic of ours replays, and only to its own topic, whatever a header says', (t) => {
  const topics = topicNamesWithPrefix('');
  t.is(replayTargetOf('credit_reports_generated.DLT', topics), 'credit_reports_generated');
  for (const topic of [
    '__consumer_offsets',
    'loan_applications_submitted',
    'other.DLT',
    '__consumer_offsets.DLT',
  ]) {
    t.throws(() => replayTargetOf(topic, topics), { message: /is not a dead-letter topic of ours/ }, topic);
  }
  const crafted: DeadLetter = {
    ...aDeadLetter(),
    headers: { ...aDeadLetter().headers, [DEAD_LETTER_HEADERS.originalTopic]: '__consumer_offsets' },
  };
  t.throws(() => replayMessage(crafted, 'loan_applications_submitted'), {
    message: /came from __consumer_offsets, not loan_applications_submitted: not replayed/,
  });
});

test('what dlt-list prints masks PANs and shows control characters as escapes', (t) => {
  const hostile: DeadLetter = {
    ...aDeadLetter(),
    key: 'key\u001b[2J',
    headers: {
      ...aDeadLetter().headers,
      'correlation-id': 'order-KLMNO1234P_2026\u001b[2J\u0007',
      note: 'abcde1234f',
    },
  };
  const text = describeDeadLetter(hostile);
  // eslint-disable-next-line no-control-regex
  t.false(/[\u0000-\u0009\u000b-\u001f]/.test(text), 'no control character but the line breaks');
  t.regex(text, /correlation-id=order-\*{6}234P_2026\\u001b\[2J\\u0007/);
  t.regex(text, /note=\*{6}234f/);
  t.regex(text, /key key\\u001b\[2J/);
});
