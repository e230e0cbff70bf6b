import { setTimeout as sleep } from 'node:timers/promises';
import { TEST_PAN_610, TEST_PAN_790 } from '@prequal/testkit';
import type { Api } from '../e2e/system-under-test.ts';

/** The i-th application of a load: every decision (790, 610 and computed scores; incomes that do or do not cover the loan). */
export function anApplication(i: number): Record<string, string | number> {
  const pans = [TEST_PAN_790, TEST_PAN_610, `PQRST${String(i % 10_000).padStart(4, '0')}K`];
  return {
    pan_number: pans[i % pans.length] ?? TEST_PAN_790,
    applicant_name: `Applicant ${i}`,
    monthly_income_inr: 40_000 + (i % 7) * 10_000,
    loan_amount_inr: 100_000 + (i % 11) * 400_000,
    loan_type: (['PERSONAL', 'HOME', 'AUTO'] as const)[i % 3] ?? 'PERSONAL',
  };
}

export interface LoadOutcome {
  /** Ids of the applications answered 202. */
  readonly accepted: readonly string[];
  /** Submissions answered otherwise, or not at all, with why (after their retries). */
  readonly failed: readonly string[];
  readonly offered: number;
  /** Submissions sent again after a 503 (the database overloaded just then), as the API asks. */
  readonly retried: number;
}

/** How often a submission answered 503 is sent again, each time after its Retry-After. */
const MAX_ATTEMPTS = 5;

export interface SteadyLoad {
  /** Applications accepted so far. */
  acceptedSoFar(): number;
  /** Stops submitting, waits for the answers in flight. */
  stop(): Promise<LoadOutcome>;
}

/**
 * Submits applications at a steady rate, open loop (each is sent when due, whether or not earlier
 * ones were answered), spread over the APIs `routes()` names at that moment (a load balancer's
 * view: an instance about to stop is taken out first).
 */
export function startSteadyLoad(routes: () => readonly Api[], ratePerSecond: number): SteadyLoad {
  const accepted: string[] = [];
  const failed: string[] = [];
  const inFlight = new Set<Promise<void>>();
  const state = { running: true, offered: 0, retried: 0 };
  const running = () => state.running; // stop() clears it while the loop sleeps
  // A client as the API's contract asks: an Idempotency-Key on every submission, and a 503 (the
  // database overloaded just then, nothing stored) sent again with it after Retry-After. A loaded
  // 2-core CI machine does starve the database now and then; that is not what these tests are about.
  const idempotencyPrefix = crypto.randomUUID();
  const submitOne = async (api: Api, i: number): Promise<void> => {
    try {
      for (let attempt = 1; ; attempt++) {
        const response = await fetch(`${api.url}/applications`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': `${idempotencyPrefix}-${i}`,
            ...api.headers,
          },
          body: JSON.stringify(anApplication(i)),
          signal: AbortSignal.timeout(30_000),
        });
        const body = (await response.json()) as { application_id?: string };
        if (response.status === 202 && body.application_id) {
          accepted.push(body.application_id);
          return;
        }
        if (response.status !== 503 || attempt === MAX_ATTEMPTS) {
          failed.push(`${response.status} ${JSON.stringify(body)}`);
          return;
        }
        state.retried += 1;
        await sleep(Number(response.headers.get('retry-after') ?? 1) * 1000);
      }
    } catch (error) {
      failed.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
  };
  const started = performance.now();
  const loop = (async () => {
    for (let i = 0; running(); i++) {
      const due = started + (i * 1000) / ratePerSecond;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      if (!running()) break;
      const targets = routes();
      const api = targets[i % targets.length];
      if (!api) throw new Error('no API to send the load to');
      state.offered += 1;
      const request = submitOne(api, i).finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
  })();
  return {
    acceptedSoFar: () => accepted.length,
    stop: async () => {
      state.running = false;
      await loop;
      await Promise.all([...inFlight]);
      return { accepted: [...accepted], failed: [...failed], offered: state.offered, retried: state.retried };
    },
  };
}
