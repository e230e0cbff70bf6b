import test from 'ava';
import kafkajs from 'kafkajs';
import {
  backoffDelayMs,
  classifyFailure,
  MalformedPayloadError,
  NotConfluentAvroError,
  RegistryUnavailableError,
  UnknownSchemaIdError,
  type FailureKind,
} from '@prequal/messaging';

const { KafkaJSConnectionError, KafkaJSNonRetriableError } = kafkajs;

const pgError = (code: string): Error => Object.assign(new Error(`pg ${code}`), { code });

const cases: [string, unknown, FailureKind][] = [
  ['bytes that are not Confluent Avro', new NotConfluentAvroError('x'), 'fatal'],
  ['an unknown schema id', new UnknownSchemaIdError('x'), 'fatal'],
  ['a corrupt payload', new MalformedPayloadError('x'), 'fatal'],
  ['a plain programming error', new TypeError('undefined is not a function'), 'fatal'],
  ['a registry that does not answer', new RegistryUnavailableError('x'), 'unavailable'],
  ['a refused connection', Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), 'unavailable'],
  ['PostgreSQL going away (57P01)', pgError('57P01'), 'unavailable'],
  ['PostgreSQL refusing connections (08006)', pgError('08006'), 'unavailable'],
  ['too many connections (53300)', pgError('53300'), 'unavailable'],
  ['a serialization failure (40001)', pgError('40001'), 'retriable'],
  ['a deadlock (40P01)', pgError('40P01'), 'retriable'],
  ['a unique violation (23505)', pgError('23505'), 'fatal'],
  ['a broker connection error', new KafkaJSConnectionError('down'), 'unavailable'],
  [
    'a pool that gave no connection in time',
    new Error('timeout exceeded when trying to connect'),
    'unavailable',
  ],
  ['a non-retriable kafkajs error', new KafkaJSNonRetriableError('no'), 'fatal'],
  ['an error marked retriable', Object.assign(new Error('busy'), { retriable: true }), 'retriable'],
  [
    'an error caused by an unreachable dependency',
    new Error('wrapped', { cause: pgError('08001') }),
    'unavailable',
  ],
];

for (const [what, error, kind] of cases) {
  test(`${what} is ${kind}`, (t) => {
    t.is(classifyFailure(error), kind);
  });
}

test('backoff doubles per attempt between half and all of its ceiling, and stops growing at the cap', (t) => {
  const options = { initialDelayMs: 100, maxDelayMs: 1000 };
  t.is(
    backoffDelayMs(1, options, () => 0),
    50,
  );
  t.is(
    backoffDelayMs(1, options, () => 1),
    100,
  );
  t.is(
    backoffDelayMs(3, options, () => 1),
    400,
  );
  t.is(
    backoffDelayMs(10, options, () => 1),
    1000,
  );
  t.is(
    backoffDelayMs(10, options, () => 0),
    500,
  );
});
