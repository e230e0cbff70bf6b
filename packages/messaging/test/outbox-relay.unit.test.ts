import test from 'ava';
import { BUSY_LOOP, busyDelayMs, isBusy, loopUtilizationSinceLastCall } from '../src/outbox-relay.ts';

test('a relay is busy while its event loop is over BUSY_LOOP and its rounds find rows', (t) => {
  t.true(isBusy(0.95, 1));
  t.false(isBusy(0.95, 0), 'an empty outbox: the busy loop is not the relay');
  t.false(isBusy(BUSY_LOOP, 100));
  t.false(isBusy(0.1, 500));
});

test("a busy relay's rounds are the busy delay apart, never less than the wake delay", (t) => {
  t.is(busyDelayMs({ wakeDelayMs: 20, busyWakeDelayMs: 100 }), 100);
  t.is(busyDelayMs({ wakeDelayMs: 20 }), 20, 'without a busy delay, the wake delay');
  t.is(busyDelayMs({ wakeDelayMs: 50, busyWakeDelayMs: 10 }), 50);
});

test("the event loop's utilization is measured since the previous call", async (t) => {
  const utilization = loopUtilizationSinceLastCall();
  const busyUntil = performance.now() + 60;
  while (performance.now() < busyUntil); // the loop does nothing else for 60 ms
  t.true(utilization() > BUSY_LOOP);
  await new Promise((resolve) => setTimeout(resolve, 60)); // an idle loop
  t.true(utilization() < BUSY_LOOP);
});
