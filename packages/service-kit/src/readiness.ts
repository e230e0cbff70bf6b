/** A named check that resolves when a dependency is usable and rejects (with why) when not. */
export type ReadinessCheck = () => Promise<void>;

export interface CheckResult {
  readonly ok: boolean;
  readonly error?: string;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Record<string, CheckResult>;
}

/** `work`, or an error "no answer within … ms" once `timeoutMs` passed (the work is not stopped). */
export function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

/** Runs every check at once; ready only when all pass. */
export async function checkReadiness(
  checks: Record<string, ReadinessCheck>,
  timeoutMs = 2000,
): Promise<ReadinessReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      try {
        await withTimeout(check(), timeoutMs);
        return [name, { ok: true }];
      } catch (error) {
        return [name, { ok: false, error: error instanceof Error ? error.message : String(error) }];
      }
    }),
  );
  return { ready: entries.every(([, result]) => result.ok), checks: Object.fromEntries(entries) };
}

/**
 * A readiness probe that runs its checks once for all callers that ask while a run is in progress,
 * so a burst of probes costs one round of checks, not one per probe (each check may call Kafka).
 */
export function sharedReadiness(
  checks: () => Record<string, ReadinessCheck>,
  timeoutMs = 2000,
): () => Promise<ReadinessReport> {
  let running: Promise<ReadinessReport> | undefined;
  return () => {
    running ??= checkReadiness(checks(), timeoutMs).finally(() => {
      running = undefined;
    });
    return running;
  };
}
