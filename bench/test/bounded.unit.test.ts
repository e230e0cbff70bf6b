import test from 'ava';
import {
  backlogGrowthPerSecond,
  DEFAULT_CRITERION,
  highestSustainedRate,
  judgeStep,
  slope,
  windowMeans,
  type BacklogSample,
  type StepObservation,
} from '../src/stats/bounded.ts';

/** Samples every `every` seconds over `seconds`, the undecided count given by `undecided(t)`. */
function samples(seconds: number, undecided: (atSeconds: number) => number, every = 0.5): BacklogSample[] {
  return Array.from({ length: seconds / every + 1 }, (_, index) => ({
    atSeconds: index * every,
    undecided: undecided(index * every),
  }));
}

const keptUp: StepObservation = {
  offeredRate: 100,
  achievedRate: 99,
  failedRequests: 0,
  samples: samples(30, (t) => 20 + (t % 1 === 0 ? 10 : 0)),
  drainSeconds: 0.4,
  plannedSeconds: 30,
  elapsedSeconds: 30.2,
};

test('the slope of points on a line is its gradient', (t) => {
  t.is(
    slope([
      { x: 0, y: 1 },
      { x: 1, y: 3 },
      { x: 2, y: 5 },
    ]),
    2,
  );
  t.is(slope([{ x: 1, y: 5 }]), 0);
  t.is(
    slope([
      { x: 1, y: 5 },
      { x: 1, y: 7 },
    ]),
    0,
  );
});

test('backlog growth only looks at the second half of the load (the ramp-up is ignored)', (t) => {
  const rampThenFlat = samples(20, (at) => (at < 5 ? at * 40 : 200));
  t.is(backlogGrowthPerSecond(rampThenFlat), 0);
});

test('the cut-off last window is left out of the means', (t) => {
  const cutOff = [...samples(3, () => 10, 0.25), { atSeconds: 3.01, undecided: 500 }];
  t.deepEqual(
    windowMeans(cutOff).map((mean) => mean.undecided),
    [10, 10, 10],
  );
});

test('one-second means smooth out the once-a-second bursts of the load', (t) => {
  const sawtooth = [0, 40, 20, 10].flatMap((undecided, index) =>
    [0, 1, 2].map((second) => ({ atSeconds: second + index / 4, undecided })),
  );
  t.deepEqual(
    windowMeans(sawtooth).map((mean) => mean.undecided),
    [17.5, 17.5, 17.5],
  );
});

test('bursts seen by a sampler out of phase with them are not mistaken for growth', (t) => {
  // Undecided counts sampled every 0.25 s while 100/s arrive in one burst at the start of each second.
  const sampled = samples(10, (at) => (at % 1 === 0.25 ? 60 : at % 1 === 0.5 ? 30 : 0), 0.25);
  t.true(Math.abs(backlogGrowthPerSecond(sampled)) < 1);
});

test('a step that kept up and drained at once is sustained', (t) => {
  const verdict = judgeStep(keptUp);
  t.true(verdict.sustained);
  t.deepEqual(verdict.reasons, []);
  t.true(Math.abs(verdict.growthPerSecond) < 1e-9);
});

test('a backlog that keeps growing is not sustained, even if it drains within the limit', (t) => {
  const verdict = judgeStep({ ...keptUp, samples: samples(30, (at) => at * 20) });
  t.false(verdict.sustained);
  t.is(Math.round(verdict.growthPerSecond), 20);
  t.regex(verdict.reasons.join(), /grew by 20\.0\/s/);
});

test('growth up to 5% of the offered rate is tolerated as noise', (t) => {
  t.true(judgeStep({ ...keptUp, samples: samples(30, (at) => at * 4) }).sustained);
  t.false(judgeStep({ ...keptUp, samples: samples(30, (at) => at * 6) }).sustained);
});

test('a step whose last application took longer than the limit to decide is not sustained', (t) => {
  const verdict = judgeStep({ ...keptUp, drainSeconds: DEFAULT_CRITERION.maxDrainSeconds + 0.1 });
  t.false(verdict.sustained);
  t.regex(verdict.reasons.join(), /decided 5\.1 s after the last submission/);
});

test('a step that never drained is not sustained', (t) => {
  t.deepEqual(judgeStep({ ...keptUp, drainSeconds: undefined }).reasons, [
    'the backlog was not decided before the timeout',
  ]);
});

test('a rate the API could not take is not sustained, nor one with failed submissions', (t) => {
  t.regex(judgeStep({ ...keptUp, achievedRate: 90 }).reasons.join(), /accepted 90\.0\/s of the 100\/s/);
  t.regex(judgeStep({ ...keptUp, failedRequests: 3 }).reasons.join(), /3 submissions failed/);
});

test('the highest sustained rate ignores the rates that were not', (t) => {
  const sustained = judgeStep(keptUp);
  const notSustained = judgeStep({ ...keptUp, drainSeconds: undefined });
  t.is(
    highestSustainedRate([
      { offeredRate: 50, verdict: sustained },
      { offeredRate: 100, verdict: sustained },
      { offeredRate: 200, verdict: notSustained },
    ]),
    100,
  );
  t.is(highestSustainedRate([{ offeredRate: 50, verdict: notSustained }]), undefined);
});

test('a step whose requests queued in front of the API (it took longer than planned) is not sustained', (t) => {
  t.true(judgeStep({ ...keptUp, elapsedSeconds: 30 + DEFAULT_CRITERION.maxOverrunSeconds }).sustained);
  const verdict = judgeStep({ ...keptUp, elapsedSeconds: 48 });
  t.false(verdict.sustained);
  t.regex(verdict.reasons.join(), /fell behind: the load took 48\.0 s of the 30 s planned/);
});
