import test from 'ava';
import { EVENT_HEADERS, headerValue } from '@prequal/messaging';
import { readMessages } from '@prequal/testkit';
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
    pan_number: 'ABCDE1234F',
    applicant_name: 'Asha Verma',
    monthly_income_inr: '100000.00',
    loan_amount_inr: '200000.00',
    loan_type: 'PERSONAL',
    status: 'PENDING',
    cibil_score: null,
    correlation_id: 'story-1',
  });

  const [message] = await readMessages(harness.kafka, harness.topics.loan_applications_submitted, 1);
  t.is(message?.key, id);
  t.is(headerValue(message?.headers, EVENT_HEADERS.correlationId), 'story-1');
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
