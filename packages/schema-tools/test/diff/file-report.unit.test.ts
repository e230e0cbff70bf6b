import test from 'ava';
import { reportChanges } from '../../src/diff/file-report.ts';
import type { Subjects } from '../../src/subjects.ts';
import { editField, ourSchema, text, withoutField } from '../helpers/our-schemas.ts';

const subjects: Subjects = {
  subjectOf: (fullName) =>
    fullName === 'in.prequal.loan.LoanDecisionMade' ? 'loan_decisions_made-value' : undefined,
  levelOf: () => 'FULL_TRANSITIVE',
};
const decision = { file: 'LoanDecisionMade.avsc', text: text(ourSchema('LoanDecisionMade')) };

test('a working-tree schema that does not parse is reported invalid and breaks', (t) => {
  const broken = {
    file: decision.file,
    text: text(editField(ourSchema('LoanDecisionMade'), 'reason', (f) => ({ ...f, type: 'text' }))),
  };

  const [report] = reportChanges([decision], [broken], subjects);

  t.like(report, { status: 'invalid', breaks: true });
  t.regex(report?.error ?? '', /^the working tree version does not parse: /);
});

test('a change only breaks the levels that need the broken direction', (t) => {
  const next = { file: decision.file, text: text(withoutField(ourSchema('LoanDecisionMade'), 'reason')) };
  const backwardOnly: Subjects = { ...subjects, levelOf: () => 'BACKWARD_TRANSITIVE' };

  t.like(reportChanges([decision], [next], subjects)[0], {
    status: 'changed',
    breaks: true,
    level: 'FULL_TRANSITIVE',
  });
  t.like(reportChanges([decision], [next], backwardOnly)[0], { status: 'changed', breaks: false });
});

test('a schema no topic carries has no subject but is still judged', (t) => {
  const credit = { file: 'CreditReportGenerated.avsc', text: text(ourSchema('CreditReportGenerated')) };
  const next = {
    file: credit.file,
    text: text(withoutField(ourSchema('CreditReportGenerated'), 'cibilScore')),
  };

  const [report] = reportChanges([credit], [next], subjects);

  t.like(report, { subject: undefined, status: 'changed', breaks: true });
});

test('a reformatted schema with the same content is unchanged', (t) => {
  const compact = { file: decision.file, text: JSON.stringify(ourSchema('LoanDecisionMade')) };

  t.like(reportChanges([decision], [compact], subjects)[0], {
    status: 'unchanged',
    breaks: false,
    changes: [],
  });
});
