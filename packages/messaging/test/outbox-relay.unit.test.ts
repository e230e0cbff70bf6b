import test from 'ava';
import { BUSY_LOOP, coalescingDelayMs, loopUtilizationSinceLastCall } from '../src/outbox-relay.ts';

test('rounds coalesce for the wake delay, and for the busy delay while the event loop is busy', (t) => {
  const options = { wakeDelayMs: 20, busyWakeDelayMs: 100 };
  t.is(coalescingDelayMs(options, 0), 20);
  t.is(coalescingDelayMs(options, BUSY_LOOP), 20);
  t.is(coalescingDelayMs(options, 0.95), 100);
  t.is(coalescingDelayMs({ wakeDelayMs: 20 }, 1), 20, 'without a busy delay, the wake delay');
  t.is(
    coalescingDelayMs({ wakeDelayMs: 50, busyWakeDelayMs: 10 }, 1),
    50,
    'never shorter than the wake delay',
  );
});

test("the event loop's utilization is measured since the previous call", async (t) => {
  const utilization = loopUtilizationSinceLastCall();
  const busyUntil = performance.now() + 60;
  while (performance.now() < busyUntil); // the loop does nothing else for 60 ms
  t.true(utilization() > BUSY_LOOP);
  await new Promise((resolve) => setTimeout(resolve, 60)); // an idle loop
  t.true(utilization() < BUSY_LOOP);
});
