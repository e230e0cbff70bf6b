import { setTimeout as sleep } from 'node:timers/promises';

/** Resolves true when `promise` settles first, false after `ms`. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      resolve(false);
    }, ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Polls `probe` until it returns true; false when `timeoutMs` passed first. `onTick` runs at most
 * every `reportEveryMs`, for progress lines.
 */
export async function pollUntil(
  probe: () => Promise<boolean>,
  { timeoutMs, intervalMs = 250, reportEveryMs = 5_000, onTick }: PollOptions,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let reportAt = Date.now() + reportEveryMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() > deadline) return false;
    if (onTick && Date.now() >= reportAt) {
      reportAt = Date.now() + reportEveryMs;
      await onTick();
    }
    await sleep(intervalMs);
  }
}

export interface PollOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  readonly reportEveryMs?: number;
  readonly onTick?: () => unknown;
}
