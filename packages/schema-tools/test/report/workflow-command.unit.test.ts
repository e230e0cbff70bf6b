import test from 'ava';
import { workflowCommand } from '../../src/report/workflow-command.ts';

test('an annotation names the file, line and column, and carries the message', (t) => {
  t.is(
    workflowCommand(
      'error',
      { file: 'schemas/A.avsc', line: 12, col: 7, title: 'breaks FULL' },
      'field x removed',
    ),
    '::error file=schemas/A.avsc,line=12,col=7,title=breaks FULL::field x removed',
  );
});

test('percent signs and line breaks are escaped in the message; colons and commas too in properties', (t) => {
  t.is(
    workflowCommand('warning', { title: 'a: b, c' }, '100% sure\r\nnext: line, here'),
    '::warning title=a%3A b%2C c::100%25 sure%0D%0Anext: line, here',
  );
});

test('a command without properties, and properties left undefined, are written without them', (t) => {
  t.is(workflowCommand('notice', {}, 'done'), '::notice::done');
  t.is(workflowCommand('notice', { file: 'a.avsc', line: undefined }, 'done'), '::notice file=a.avsc::done');
});
