import test from 'ava';
import { deriveEventId } from '@prequal/events';

test('a derived event id is the same for the same cause, so a re-emitted event is recognisable', (t) => {
  const cause = '0b6e1c4a-8a52-4f7e-9b0e-1f1f0c7d2a11';
  t.is(deriveEventId('CreditReportGenerated', cause), deriveEventId('CreditReportGenerated', cause));
  t.regex(
    deriveEventId('CreditReportGenerated', cause),
    /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
});

test('different causes or event types give different ids', (t) => {
  const a = '0b6e1c4a-8a52-4f7e-9b0e-1f1f0c7d2a11';
  const b = '1b6e1c4a-8a52-4f7e-9b0e-1f1f0c7d2a11';
  t.not(deriveEventId('CreditReportGenerated', a), deriveEventId('CreditReportGenerated', b));
  t.not(deriveEventId('CreditReportGenerated', a), deriveEventId('LoanDecisionMade', a));
});
