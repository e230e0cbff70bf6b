import test from 'ava';
import { ApiRefusedError, ApiUnreachableError } from '../src/errors.ts';
import { waitForDecision, type WaitDeps } from '../src/wait-for-decision.ts';

/** A fake clock that sleeping advances, and an API that answers from a script. */
function fakeApi(answers: (string | Error)[]): { deps: WaitDeps; printed: string[]; polls: () => number } {
  let now = 0;
  let polls = 0;
  const printed: string[] = [];
  return {
    printed,
    polls: () => polls,
    deps: {
      now: () => now,
      sleep: (ms) => {
        now += ms;
        return Promise.resolve();
      },
      print: (line) => printed.push(line),
      readStatus: () => {
        const answer = answers[Math.min(polls, answers.length - 1)] ?? 'PENDING';
        polls += 1;
        return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
      },
    },
  };
}

const options = { applicationId: 'a1', status: 'PENDING', startedAt: 0, deadline: 5000, intervalMs: 500 };

test('each status change is printed once, until a final status', async (t) => {
  const api = fakeApi(['PENDING', 'PENDING', 'PRE_APPROVED']);
  t.deepEqual(await waitForDecision(options, api.deps), { decided: true, status: 'PRE_APPROVED' });
  t.deepEqual(api.printed, ['application a1: PRE_APPROVED (after 1.5 s)']);
  t.is(api.polls(), 3);
});

test('an application that is already final is not polled', async (t) => {
  const api = fakeApi(['REJECTED']);
  t.deepEqual(await waitForDecision({ ...options, status: 'REJECTED' }, api.deps), {
    decided: true,
    status: 'REJECTED',
  });
  t.is(api.polls(), 0);
});

test('at the deadline the wait ends undecided with the last status', async (t) => {
  const api = fakeApi(['PENDING']);
  const outcome = await waitForDecision(options, api.deps);
  t.like(outcome, { decided: false, status: 'PENDING' });
  t.is(api.polls(), 10);
  t.deepEqual(api.printed, []);
});

test('an API that is briefly unreachable or failing is polled again', async (t) => {
  const api = fakeApi([
    new ApiUnreachableError('connection refused'),
    new ApiRefusedError(503, ['HTTP 503']),
    'MANUAL_REVIEW',
  ]);
  t.deepEqual(await waitForDecision(options, api.deps), { decided: true, status: 'MANUAL_REVIEW' });
});

test('the last failure is kept when the deadline passes during an outage', async (t) => {
  const outage = new ApiUnreachableError('connection refused');
  const outcome = await waitForDecision(options, fakeApi([outage]).deps);
  t.deepEqual(outcome, { decided: false, status: 'PENDING', lastError: outage });
});

test('a refused poll (404) ends the wait with that error', async (t) => {
  const notFound = new ApiRefusedError(404, ['HTTP 404 Application not found']);
  await t.throwsAsync(waitForDecision(options, fakeApi([notFound]).deps), { is: notFound });
});
