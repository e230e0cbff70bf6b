import test from 'ava';
import { BUSY_LOOP, busyDelayMs, isBusy, loopUtilizationOverWindows } from '../src/outbox-relay.ts';

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

test("the event loop's utilization is measured over windows of at least the window's length", (t) => {
  let time = 0;
  let active = 0;
  // Node's shape: a cumulative reading, or the difference of two.
  const measure = (now?: { active: number; idle: number }, last?: { active: number; idle: number }) => {
    if (now && last) {
      const spent = now.active - last.active + (now.idle - last.idle);
      return {
        active: now.active - last.active,
        idle: now.idle - last.idle,
        utilization: (now.active - last.active) / spent,
      };
    }
    return { active, idle: time - active, utilization: 0 };
  };
  const utilization = loopUtilizationOverWindows(500, measure, () => time);
  time = 10;
  active = 10; // 10 ms of nothing but work: too short a span to say busy
  t.is(utilization(), 0);
  time = 500;
  active = 460;
  t.is(utilization(), 0.92, 'a window of 500 ms, 92% of it active');
  time = 600;
  active = 560;
  t.is(utilization(), 0.92, 'the last window stands until the next has passed');
  time = 1_000;
  active = 600;
  t.is(utilization(), 0.28);
});

test("Node's event loop utilization is what the relay reads by default", async (t) => {
  const utilization = loopUtilizationOverWindows(50);
  const busyUntil = performance.now() + 60;
  while (performance.now() < busyUntil); // the loop does nothing else for 60 ms
  t.true(utilization() > BUSY_LOOP);
  await new Promise((resolve) => setTimeout(resolve, 80)); // an idle loop
  t.true(utilization() < BUSY_LOOP);
});
