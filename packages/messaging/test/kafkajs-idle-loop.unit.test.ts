import { createRequire } from 'node:module';
import test from 'ava';
import { stopKafkajsIdleLoop } from '../src/kafkajs-idle-loop.ts';

interface Queue {
  pending: unknown[];
  inflight: Map<number, unknown>;
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  maybeThrottle(ms: number): void;
  destroy(): void;
}

const RequestQueue = createRequire(import.meta.url)('kafkajs/src/network/requestQueue/index.js') as new (
  options: Record<string, unknown>,
) => Queue;

const silent = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

function aQueue(): Queue {
  stopKafkajsIdleLoop();
  return new RequestQueue({
    maxInFlightRequests: 1,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'test',
    broker: '127.0.0.1:9092',
    logger: silent,
    isConnected: () => true,
  });
}

test('a connection with nothing waiting and no throttle arms no timer after a check (kafkajs re-armed one every 1 ms)', (t) => {
  const queue = aQueue();
  queue.checkPendingRequests(); // what kafkajs does when a response arrives
  t.is(queue.throttleCheckTimeoutId, null);
});

test('while the broker throttles, the check is still scheduled for the end of the throttle', (t) => {
  const queue = aQueue();
  queue.maybeThrottle(1_000);
  queue.checkPendingRequests();
  t.not(queue.throttleCheckTimeoutId, null);
  clearTimeout(queue.throttleCheckTimeoutId ?? undefined);
});

test('a request waiting for its turn is still checked for', (t) => {
  const queue = aQueue();
  queue.inflight.set(1, {}); // the one request allowed in flight: the next one waits
  queue.pending.push({});
  queue.checkPendingRequests();
  t.not(queue.throttleCheckTimeoutId, null);
  clearTimeout(queue.throttleCheckTimeoutId ?? undefined);
});

test('applying the fix twice wraps kafkajs once', (t) => {
  stopKafkajsIdleLoop();
  const once = (RequestQueue.prototype as { scheduleCheckPendingRequests: unknown })
    .scheduleCheckPendingRequests;
  stopKafkajsIdleLoop();
  t.is(
    (RequestQueue.prototype as { scheduleCheckPendingRequests: unknown }).scheduleCheckPendingRequests,
    once,
  );
});
