import test from 'ava';
import { defaultServiceAccess, describeAcl, serviceAcls, topicNamesWithPrefix } from '../src/index.ts';

const lines = serviceAcls(topicNamesWithPrefix('p.'), defaultServiceAccess()).map(describeAcl);

test('prequal-api may write loan_applications_submitted only', (t) => {
  t.deepEqual(
    lines.filter((line) => line.startsWith('User:prequal-api ')),
    [
      'User:prequal-api ALLOW WRITE TOPIC:p.loan_applications_submitted',
      'User:prequal-api ALLOW DESCRIBE TOPIC:p.loan_applications_submitted',
    ],
  );
});

test('credit-service reads submitted applications in its own group and writes credit reports and its dead letters', (t) => {
  t.deepEqual(
    lines.filter((line) => line.startsWith('User:credit-service ')),
    [
      'User:credit-service ALLOW WRITE TOPIC:p.credit_reports_generated',
      'User:credit-service ALLOW DESCRIBE TOPIC:p.credit_reports_generated',
      'User:credit-service ALLOW READ TOPIC:p.loan_applications_submitted',
      'User:credit-service ALLOW DESCRIBE TOPIC:p.loan_applications_submitted',
      'User:credit-service ALLOW WRITE TOPIC:p.loan_applications_submitted.DLT',
      'User:credit-service ALLOW DESCRIBE TOPIC:p.loan_applications_submitted.DLT',
      'User:credit-service ALLOW READ GROUP:credit-service',
    ],
  );
});

test('only credit-service may write credit reports, and no service may create, alter or delete anything', (t) => {
  t.deepEqual(
    lines.filter((line) => line.endsWith(' WRITE TOPIC:p.credit_reports_generated')),
    ['User:credit-service ALLOW WRITE TOPIC:p.credit_reports_generated'],
  );
  t.false(lines.some((line) => / (CREATE|ALTER|DELETE|ALL|ALTER_CONFIGS|CLUSTER_ACTION) /.test(line)));
  t.false(lines.some((line) => line.includes('CLUSTER:')));
});
