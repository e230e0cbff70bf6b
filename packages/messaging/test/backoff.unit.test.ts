import test from 'ava';
import { backoffDelayMs } from '@prequal/messaging';

test('backoff doubles per attempt between half and all of its ceiling, and stops growing at the cap', (t) => {
  const options = { initialDelayMs: 100, maxDelayMs: 1000 };
  t.is(
    backoffDelayMs(1, options, () => 0),
    50,
  );
  t.is(
    backoffDelayMs(1, options, () => 1),
    100,
  );
  t.is(
    backoffDelayMs(3, options, () => 1),
    400,
  );
  t.is(
    backoffDelayMs(10, options, () => 1),
    1000,
  );
  t.is(
    backoffDelayMs(10, options, () => 0),
    500,
  );
});
