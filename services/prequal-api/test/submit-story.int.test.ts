import test from 'ava';
import { EVENT_HEADERS, headerValue } from '@prequal/messaging';
import { blindIndex, openApplicantName, openValue, ROW_FIELDS } from '@prequal/pii';
import { readMessages, TEST_KEYS } from '@prequal/testkit';
import { postApplication, startApiUnderTest, validApplication } from './api-under-test.ts';

test('story 1: 202 PENDING; the row is in PostgreSQL; the Avro event is on the topic, key = id', async (t) => {
  const under = await startApiUnderTest();
  const { harness, database } = under;
  t.teardown(() => under.close());

  const response = await postApplication(under, validApplication, { 'X-Correlation-Id': 'story-1' });
  const { application_id: id, status } = (await response.json()) as {
    application_id: string;
    status: string;
  };

  t.is(response.status, 202);
  t.is(status, 'PENDING');
  const [row] = await database.orm.em
    .fork()
    .execute<Record<string, unknown>[]>('select * from applications where id = ?', [id]);
  t.like(row, {
    pan_masked: '******234F',
    monthly_income_inr: '100000.00',
    loan_amount_inr: '200000.00',
    loan_type: 'PERSONAL',
    status: 'PENDING',
    cibil_score: null,
    correlation_id: 'story-1',
  });
  // Personal data rests sealed: the PAN with a keyed blind index and its masked form, the name sealed.
  t.false('pan_number' in (row ?? {}) || 'applicant_name' in (row ?? {}), 'no plaintext columns');
  t.is(openValue(String(row?.pan_sealed), TEST_KEYS.keyring, ROW_FIELDS.pan), 'ABCDE1234F');
  t.is(openApplicantName(String(row?.applicant_name_sealed), TEST_KEYS.keyring), 'Asha Verma');
  t.is(row?.pan_blind_index, blindIndex(TEST_KEYS.blindIndexKey, 'ABCDE1234F'));

  const [message] = await readMessages(harness.kafka, harness.topics.loan_applications_submitted, 1);
  t.is(message?.key, id);
  t.is(headerValue(message?.headers, EVENT_HEADERS.correlationId), 'story-1');
  t.false(message?.value?.includes('ABCDE1234F'), 'the PAN is sealed in the message');
  t.false(message?.value?.includes('Asha Verma'), 'the name is sealed in the message');
  const event = await harness.serde.decode('loan_applications_submitted', message?.value ?? null);
  t.like(event, {
    applicationId: id,
    correlationId: 'story-1',
    panNumber: 'ABCDE1234F',
    monthlyIncomeInr: '100000.00',
    loanAmountInr: '200000.00',
    loanType: 'PERSONAL',
  });
  t.is(headerValue(message?.headers, EVENT_HEADERS.eventId), event.eventId);
});
