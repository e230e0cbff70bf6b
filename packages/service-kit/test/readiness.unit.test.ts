import { setTimeout as sleep } from 'node:timers/promises';
import test from 'ava';
import { sharedReadiness } from '@prequal/service-kit';

test('probes that arrive while the checks run share that run; a later probe runs them again', async (t) => {
  let runs = 0;
  let healthy = true;
  const probe = sharedReadiness(() => ({
    kafka: async () => {
      runs++;
      await sleep(50);
      if (!healthy) throw new Error('broker down');
    },
  }));
  const burst = await Promise.all(Array.from({ length: 50 }, () => probe()));
  t.is(runs, 1);
  t.true(burst.every((report) => report.ready));

  healthy = false;
  const later = await probe();
  t.is(runs, 2);
  t.deepEqual(later, { ready: false, checks: { kafka: { ok: false, error: 'broker down' } } });
});

test('a check that does not answer in time fails the probe with why', async (t) => {
  const probe = sharedReadiness(() => ({ registry: () => sleep(500) }), 50);
  t.deepEqual(await probe(), {
    ready: false,
    checks: { registry: { ok: false, error: 'no answer within 50 ms' } },
  });
});
