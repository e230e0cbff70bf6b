import test from 'ava';
import { parseSchema, schemaOf } from '@prequal/events';
import { eventFromJson, eventToJson } from '@prequal/messaging';
import { aCreditReport, aDecision, aSubmittedEvent } from '@prequal/testkit';

const cases = [
  ['loan_applications_submitted', 'with every field', aSubmittedEvent()],
  ['loan_applications_submitted', 'with nulls', aSubmittedEvent({ loanType: null, applicantName: null })],
  ['credit_reports_generated', 'with every field', aCreditReport()],
  ['loan_decisions_made', 'with every field', aDecision()],
] as const;

for (const [topic, variant, event] of cases) {
  test(`a ${topic} event ${variant} stored as outbox JSON comes back identical`, (t) => {
    const type = parseSchema(schemaOf(topic) as never);
    const json = eventToJson(event);
    t.is(typeof json.occurredAt, 'string', 'timestamps are ISO strings in the table');
    t.deepEqual(eventFromJson(type, JSON.parse(JSON.stringify(json))), event);
  });
}
