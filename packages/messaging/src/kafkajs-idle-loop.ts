import { createRequire } from 'node:module';

/** The part of kafkajs 2.2.4's RequestQueue (one per broker connection) that the fix reads. */
interface RequestQueue {
  readonly pending: readonly unknown[];
  readonly throttledUntil: number;
  scheduleCheckPendingRequests: (this: RequestQueue) => void;
}

const FIXED = Symbol.for('prequal.kafkajs.idle-loop-fixed');

/**
 * Stops kafkajs's busy timer loop on idle connections. In kafkajs 2.2.4 every broker connection's
 * request queue, once it has answered a request, re-arms a timer for "the end of the throttle" after
 * each check, whether or not a request is waiting: with no throttle that delay is negative (Node
 * makes it 1 ms and, since Node 24, warns: the TimeoutNegativeWarning the services silence), so
 * each connection wakes the process about 800 times a second for as long as it is open
 * (tulios/kafkajs#1556, #1704, #1751; the fixes, pull requests 1667, 1755 and 1768, were never
 * released). With a producer, a consumer and an admin per worker, that loop was most of an idle
 * service's CPU (docs/decisions/0090-idle-timers.md).
 *
 * The check is needed only while a request waits (`pending`), which `push` schedules itself, or
 * while the broker throttles us; otherwise there is nothing to check and no timer is armed. With a
 * request pending or a throttle in effect kafkajs's own code runs, unchanged. Applied once per
 * process, to the module kafkajs itself loads (the same resolved file).
 */
export function stopKafkajsIdleLoop(): void {
  const require = createRequire(import.meta.url); // resolves kafkajs as this package's import does
  const RequestQueue = require('kafkajs/src/network/requestQueue/index.js') as {
    prototype: RequestQueue & { [FIXED]?: true };
  };
  const prototype = RequestQueue.prototype;
  if (prototype[FIXED]) return;
  const original = prototype.scheduleCheckPendingRequests;
  prototype.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(this: RequestQueue): void {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    original.call(this);
  };
  prototype[FIXED] = true;
}
