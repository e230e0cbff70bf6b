import test from 'ava';
import { parseSchema, schemaOf, topicNames } from '@prequal/events';
import { aCreditReport, aDecision, aSubmittedEvent } from '@prequal/testkit';

const decimal = parseSchema({ type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 } as never);

for (const amount of [
  '0.00',
  '0.01',
  '-0.01',
  '127.99',
  '128.00',
  '-128.00',
  '150000.50',
  '9999999999.99',
  '-9999999999.99',
]) {
  test(`decimal ${amount} survives the trip through Avro bytes exactly`, (t) => {
    t.is(decimal.fromBuffer(decimal.toBuffer(amount)), amount);
  });
}

test('decimals are two’s complement big-endian bytes of the unscaled value, as the Avro spec says', (t) => {
  // 1.28 at scale 2 is 128 unscaled: 0x0080 (two bytes, since 0x80 alone would be negative).
  t.deepEqual(decimal.toBuffer('1.28'), Buffer.from([0x04, 0x00, 0x80]));
  t.deepEqual(decimal.toBuffer('-0.01'), Buffer.from([0x02, 0xff]));
});

test('a decimal with too many digits or fraction places is not a valid value', (t) => {
  t.false(decimal.isValid('10000000000.00'));
  t.false(decimal.isValid('1.001'));
  t.false(decimal.isValid(1.5));
});

test('timestamp-millis is a Date in code and a long on the wire', (t) => {
  const type = parseSchema({ type: 'long', logicalType: 'timestamp-millis' } as never);
  const when = new Date('2026-11-25T10:00:00.123Z');
  t.deepEqual(type.fromBuffer(type.toBuffer(when)), when);
  t.false(type.isValid('2026-11-25'));
});

test('uuids are canonical lower case on the way in and out, as PostgreSQL returns them', (t) => {
  const type = parseSchema({ type: 'string', logicalType: 'uuid' } as never);
  const upper = '0B6E1C4A-8A52-4F7E-9B0E-1F1F0C7D2A11';
  t.is(type.fromBuffer(type.toBuffer(upper)), upper.toLowerCase());
  const plain = parseSchema('"string"');
  t.is(type.fromBuffer(plain.toBuffer(upper), type.createResolver(plain)), upper.toLowerCase());
});

test('uuid accepts only well-formed UUIDs', (t) => {
  const type = parseSchema({ type: 'string', logicalType: 'uuid' } as never);
  t.true(type.isValid('0b6e1c4a-8a52-4f7e-9b0e-1f1f0c7d2a11'));
  t.false(type.isValid('not-a-uuid'));
});

const samples = {
  loan_applications_submitted: aSubmittedEvent(),
  credit_reports_generated: aCreditReport(),
  loan_decisions_made: aDecision(),
};

for (const topic of topicNames) {
  test(`a ${topic} event round-trips through its schema`, (t) => {
    const type = parseSchema(schemaOf(topic) as never);
    t.deepEqual({ ...type.fromBuffer(type.toBuffer(samples[topic])) }, samples[topic]);
  });
}

test('a submitted event without a loan type or name is valid; a bad enum symbol is not', (t) => {
  const type = parseSchema(schemaOf('loan_applications_submitted') as never);
  t.true(type.isValid(aSubmittedEvent({ loanType: null, applicantName: null })));
  t.false(type.isValid({ ...aSubmittedEvent(), loanType: 'BOAT' }));
});
