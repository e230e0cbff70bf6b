import test from 'ava';
import { isFinalStatus, statusChangeLine, statusLine } from '../src/status-lines.ts';

const finality: [status: string, final: boolean][] = [
  ['PENDING', false],
  ['PRE_APPROVED', true],
  ['REJECTED', true],
  ['MANUAL_REVIEW', true],
  ['SOMETHING_NEW', false],
];

for (const [status, final] of finality) {
  test(`${status} is ${final ? '' : 'not '}a final status`, (t) => {
    t.is(isFinalStatus(status), final);
  });
}

test('a status line names the application and its status, with the time since submitting', (t) => {
  t.is(statusLine('a1', 'PENDING'), 'application a1: PENDING');
  t.is(statusLine('a1', 'PRE_APPROVED', 1260), 'application a1: PRE_APPROVED (after 1.3 s)');
});

test('a change is printed, the same status again is not', (t) => {
  t.is(statusChangeLine('a1', 'PENDING', 'REJECTED', 700), 'application a1: REJECTED (after 0.7 s)');
  t.is(statusChangeLine('a1', 'PENDING', 'PENDING', 700), undefined);
});
