import type { Registry } from 'prom-client';
import type { Logger } from './logger.ts';
import { createMetricsRegistry } from './metrics.ts';
import type { ReadinessAnswer } from './ops-routes.ts';
import { sharedReadiness, type ReadinessCheck } from './readiness.ts';
import type { ShutdownStep } from './shutdown.ts';

/** What a part is given when it starts: the service's name, logger and metrics. */
export interface PartContext {
  readonly name: string;
  readonly logger: Logger;
  readonly metrics: Registry;
}

/**
 * A piece of a service with a start and, usually, a stop: the database pool, the Kafka clients,
 * a relay, the consumer, a server. Parts stop in the reverse order of their start, so what was
 * started on top of another part is stopped before it.
 */
export interface Part<T> {
  readonly name: string;
  start(context: PartContext): Promise<T>;
  stop?(started: T): Promise<void>;
  /** Checks that /ready runs once the part is started (e.g. the database answers). */
  readiness?(started: T): Record<string, ReadinessCheck>;
}

type Phase = 'starting' | 'running' | 'stopping';

/**
 * One service's lifecycle: starts parts one after the other, collects their readiness checks,
 * and derives the shutdown from the start order. /ready is not ready while starting or stopping.
 */
export class ServiceHost implements PartContext {
  readonly name: string;
  readonly logger: Logger;
  readonly metrics: Registry;
  readonly #stops: ShutdownStep[] = [];
  readonly #checks: Record<string, ReadinessCheck> = {};
  readonly #probe = sharedReadiness(() => this.#checks);
  #phase: Phase = 'starting';

  constructor({ name, logger, metrics }: { name: string; logger: Logger; metrics?: Registry }) {
    this.name = name;
    this.logger = logger;
    this.metrics = metrics ?? createMetricsRegistry(name);
  }

  /** Starts a part; its stop runs before the stops of every part started earlier. */
  async start<T>(part: Part<T>): Promise<T> {
    const started = await part.start(this);
    if (part.stop) this.#stops.unshift({ name: part.name, run: async () => part.stop?.(started) });
    Object.assign(this.#checks, part.readiness?.(started));
    return started;
  }

  /** Every part is started: /ready now answers from the checks. */
  markRunning(): void {
    if (this.#phase === 'starting') this.#phase = 'running';
  }

  async readiness(): Promise<ReadinessAnswer> {
    if (this.#phase !== 'running') {
      return { ready: false, status: this.#phase === 'starting' ? 'starting' : 'shutting down', checks: {} };
    }
    const report = await this.#probe();
    return { ...report, status: report.ready ? 'ready' : 'not ready' };
  }

  /** Not ready from now on, then every part's stop, the last started first. */
  shutdownSteps(): readonly ShutdownStep[] {
    return [
      {
        name: 'readiness (not ready from now on)',
        run: () => {
          this.#phase = 'stopping';
          return Promise.resolve();
        },
      },
      ...this.#stops,
    ];
  }

  #stopped: Promise<void> | undefined;

  /**
   * Runs the shutdown steps in order, once (for tests, and to undo a start-up that failed
   * halfway); a second call waits for the first.
   */
  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      for (const step of this.shutdownSteps()) await step.run();
    })();
    return this.#stopped;
  }
}
