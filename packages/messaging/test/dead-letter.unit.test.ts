import test from 'ava';
import {
  DEAD_LETTER_HEADERS,
  deadLetterMessage,
  headerValue,
  UnknownSchemaIdError,
} from '@prequal/messaging';

test('a dead letter keeps the original bytes, key and headers and says where it came from and why', (t) => {
  const original = {
    key: Buffer.from('app-1'),
    value: Buffer.from([0, 0, 0, 0, 42, 1, 2]),
    headers: { 'correlation-id': Buffer.from('corr-1') },
    offset: '17',
  };
  const { topic, message } = deadLetterMessage(
    original,
    { topic: 'loan_applications_submitted', partition: 2, consumerGroup: 'credit-service' },
    new UnknownSchemaIdError('schema id 42 is unknown to the registry'),
    1,
    new Date('2026-11-25T10:00:00.000Z'),
  );
  t.is(topic, 'loan_applications_submitted.DLT');
  t.is(message.key, original.key);
  t.is(message.value, original.value);
  const header = (name: string): string | undefined => headerValue(message.headers, name);
  t.is(header('correlation-id'), 'corr-1');
  t.is(header(DEAD_LETTER_HEADERS.originalTopic), 'loan_applications_submitted');
  t.is(header(DEAD_LETTER_HEADERS.originalPartition), '2');
  t.is(header(DEAD_LETTER_HEADERS.originalOffset), '17');
  t.is(header(DEAD_LETTER_HEADERS.consumerGroup), 'credit-service');
  t.is(header(DEAD_LETTER_HEADERS.errorClass), 'UnknownSchemaIdError');
  t.is(header(DEAD_LETTER_HEADERS.errorMessage), 'schema id 42 is unknown to the registry');
  t.is(header(DEAD_LETTER_HEADERS.attempts), '1');
  t.is(header(DEAD_LETTER_HEADERS.failedAt), '2026-11-25T10:00:00.000Z');
});

test('a very long error message is cut to keep headers small', (t) => {
  const { message } = deadLetterMessage(
    { key: null, value: null, headers: {}, offset: '0' },
    { topic: 't', partition: 0, consumerGroup: 'g' },
    new Error('x'.repeat(5000)),
    5,
    new Date(),
  );
  t.is(headerValue(message.headers, DEAD_LETTER_HEADERS.errorMessage)?.length, 1000);
});
