import test from 'ava';
import kafkajs from 'kafkajs';
import {
  MalformedPayloadError,
  NotConfluentAvroError,
  RegistryUnavailableError,
  UnknownSchemaIdError,
} from '@prequal/messaging';
import { appError, failureKindOf, type FailureKind } from '@prequal/service-kit';

const { KafkaJSConnectionError, KafkaJSError, KafkaJSNonRetriableError, KafkaJSProtocolError } = kafkajs;

class BusyError extends appError('BusyError', 'BUSY', 'retriable') {}

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
  ['one of our errors of kind retriable', new BusyError('busy'), 'retriable'],
  ['a kafkajs error it marks retriable', new KafkaJSError('busy', { retriable: true }), 'retriable'],
  [
    'a broker refusing our principal (an ACL)',
    new KafkaJSProtocolError(
      Object.assign(new Error('denied'), { type: 'TOPIC_AUTHORIZATION_FAILED', code: 29, retriable: false }),
    ),
    'unavailable',
  ],
  ['PostgreSQL refusing the password (28P01)', pgError('28P01'), 'unavailable'],
  ['a plain error that merely says timeout', new Error('the timeout setting is invalid'), 'fatal'],
  [
    'an error caused by an unreachable dependency',
    new Error('wrapped', { cause: pgError('08001') }),
    'unavailable',
  ],
];

for (const [what, error, kind] of cases) {
  test(`${what} is ${kind}`, (t) => {
    t.is(failureKindOf(error), kind);
  });
}
