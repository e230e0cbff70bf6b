import test from 'ava';
import { recoveryFigures, type ApplicationTimes } from '../src/faults/recovery.ts';

/** One application a second from 0 to `until` s, each decided `latency(t)` s after it was submitted. */
function applications(
  until: number,
  latency: (submittedAt: number) => number | undefined,
): ApplicationTimes[] {
  return Array.from({ length: until + 1 }, (_, t) => {
    const wait = latency(t);
    return {
      createdAt: t * 1000,
      decidedAt: wait === undefined ? undefined : t * 1000 + Math.round(wait * 1000),
    };
  });
}

test('a stall: what was submitted during the fault is decided after it, the backlog and the pause measured from the end', (t) => {
  // Fault from 10 s to 15 s; decisions resume at 20 s, everything waiting is decided at 20 s.
  const figures = recoveryFigures(
    applications(30, (at) => (at < 10 ? 0.05 : at < 20 ? 20 - at : 0.05)),
    { startedAt: 10_000, endedAt: 15_000 },
  );
  t.is(figures.faultSeconds, 5);
  t.is(figures.firstDecisionAfterEndSeconds, 5);
  t.is(figures.backlogWorkedOffAfterEndSeconds, 5);
  t.is(Math.round(figures.longestPauseSeconds * 100) / 100, 10.95, 'from the decision at 9.05 s to 20 s');
  t.is(figures.normalMs?.p99, 50);
  t.is(figures.allMs?.max, 10_000, 'the one submitted at 10 s waited until 20 s');
  t.is(figures.worstOverNormalSeconds, 9.95);
  t.is(figures.undecided, 0);
});

test('a fault without effect: decisions go on, nothing waits past the end', (t) => {
  const figures = recoveryFigures(
    applications(30, () => 0.05),
    { startedAt: 10_000, endedAt: 20_000 },
  );
  t.is(figures.firstDecisionAfterEndSeconds, 0.05);
  t.is(figures.backlogWorkedOffAfterEndSeconds, 0.05, 'the one submitted at the end itself');
  t.is(figures.longestPauseSeconds, 1);
  t.is(figures.worstOverNormalSeconds, 0);
});

test('an application never decided leaves the backlog unworked and is counted', (t) => {
  const figures = recoveryFigures(
    applications(20, (at) => (at === 12 ? undefined : 0.05)),
    { startedAt: 10_000, endedAt: 15_000 },
  );
  t.is(figures.backlogWorkedOffAfterEndSeconds, undefined);
  t.is(figures.undecided, 1);
});

test('what was in flight when the fault began is not normal running', (t) => {
  // Submitted at 9 s, a second before the fault: it waits for the recovery at 20 s.
  const figures = recoveryFigures(
    applications(30, (at) => (at === 9 ? 11 : at < 10 ? 0.05 : at < 20 ? 20 - at : 0.05)),
    { startedAt: 10_000, endedAt: 15_000 },
  );
  t.is(figures.normalMs?.max, 50);
  t.is(figures.allMs?.max, 11_000);
});

test('every partition resumed: the last partition that had applications waiting decides one again', (t) => {
  // Fault from 10 s to 15 s: partition 0 decides again at 16 s, partition 1 at 18 s.
  const waits = applications(30, (at) => (at < 10 ? 0.05 : at < 16 ? 16 - at : 0.05)).map((one, index) => ({
    ...one,
    partition: index % 2,
  }));
  const shifted = waits.map((one) =>
    one.partition === 1 && one.decidedAt !== undefined && one.createdAt >= 10_000 && one.createdAt < 18_000
      ? { ...one, decidedAt: 18_000 }
      : one,
  );
  const figures = recoveryFigures(shifted, { startedAt: 10_000, endedAt: 15_000 });
  t.is(figures.firstDecisionAfterEndSeconds, 1);
  t.is(figures.everyPartitionResumedAfterEndSeconds, 3);
});

test('every partition resumed is 0 when nothing waited at the end', (t) => {
  const figures = recoveryFigures(
    applications(30, () => 0.05).map((one, index) => ({ ...one, partition: index % 3 })),
    { startedAt: 10_000, endedAt: 20_500 },
  );
  t.is(figures.everyPartitionResumedAfterEndSeconds, 0);
});
