import pg from 'pg';
import { OUTBOX_CHANNEL, type PgConnection } from '@prequal/db';
import type { Logger } from '@prequal/service-kit';
import { backoffDelayMs } from './backoff.ts';

export interface OutboxListenerOptions {
  readonly connection: PgConnection;
  /** The outbox topics to hear of; notifications of other topics are ignored. */
  readonly topics: readonly string[];
  /** Called when rows of those topics were committed, and once after every (re)connection. */
  readonly onRows: () => void;
  readonly logger: Logger;
}

/**
 * Listens on the outbox channel (every insert into the outbox notifies it on commit) on a
 * connection of its own, so relays of every instance wake at once instead of polling. A dropped
 * connection is opened again with backoff; each (re)connection calls onRows once, which covers
 * what was committed while nobody listened.
 */
export class OutboxListener {
  readonly #options: OutboxListenerOptions;
  readonly #topics: ReadonlySet<string>;
  #client: pg.Client | undefined;
  #retry: NodeJS.Timeout | undefined;
  #failures = 0;
  #stopped = false;
  #paused = false;

  constructor(options: OutboxListenerOptions) {
    this.#options = options;
    this.#topics = new Set(options.topics);
  }

  start(): void {
    this.#stopped = false;
    void this.#connect();
  }

  /** Whether the listening connection is open (for tests and diagnostics). */
  get listening(): boolean {
    return this.#client !== undefined;
  }

  /** Whether notifications are asked for (not paused). */
  get hearing(): boolean {
    return this.#client !== undefined && !this.#paused;
  }

  /**
   * Stops listening on the channel (the connection stays open): PostgreSQL then sends no
   * notification per commit. For a relay that polls while it is busy.
   */
  pause(): void {
    if (this.#paused) return;
    this.#paused = true;
    this.#send(`unlisten ${OUTBOX_CHANNEL}`);
  }

  /** Listens again, then calls onRows once for what was committed while paused. */
  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#send(`listen ${OUTBOX_CHANNEL}`, () => {
      this.#options.onRows();
    });
  }

  /** A statement on the open connection, if any; a failure is a lost connection (reconnected). */
  #send(sql: string, then?: () => void): void {
    const client = this.#client;
    if (!client || this.#stopped) return;
    client.query(sql).then(
      () => then?.(),
      (error: unknown) => {
        client.emit('error', error);
      },
    );
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    const { url, ssl } = this.#options.connection;
    const client = new pg.Client({ connectionString: url, ssl, keepAlive: true });
    const connection = { lost: false };
    const onLost = (error: unknown): void => {
      if (connection.lost) return;
      connection.lost = true;
      if (this.#client === client) this.#client = undefined;
      void client.end().catch(() => undefined);
      this.#reconnectLater(error);
    };
    client.on('error', onLost);
    client.on('end', () => {
      onLost(new Error('the listening connection ended'));
    });
    client.on('notification', ({ channel, payload }) => {
      if (channel === OUTBOX_CHANNEL && payload !== undefined && this.#topics.has(payload))
        this.#options.onRows();
    });
    try {
      await client.connect();
      if (!this.#paused) await client.query(`listen ${OUTBOX_CHANNEL}`);
    } catch (error) {
      onLost(error);
      return;
    }
    if (this.#stopped || connection.lost) {
      await client.end().catch(() => undefined);
      return;
    }
    this.#client = client;
    if (this.#failures > 0)
      this.#options.logger.info({ after: this.#failures }, 'outbox listener reconnected');
    this.#failures = 0;
    this.#options.onRows();
  }

  #reconnectLater(error: unknown): void {
    if (this.#stopped) return;
    this.#failures += 1;
    const delayMs = backoffDelayMs(this.#failures, { initialDelayMs: 100, maxDelayMs: 5_000 });
    this.#options.logger.warn(
      { err: error, failures: this.#failures, delayMs },
      'outbox listener lost its connection, reconnecting',
    );
    this.#retry = setTimeout(() => void this.#connect(), delayMs);
  }
}
