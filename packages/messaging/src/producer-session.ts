import type { Producer } from 'kafkajs';

/** kafkajs protocol errors after which the brokers no longer take this producer's sequence numbers. */
const SEQUENCE_LOST = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'DUPLICATE_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_EPOCH',
  'INVALID_PRODUCER_ID_MAPPING',
]);

/** Whether a failed send (or what it wraps) says the producer's sequence is lost. */
export function sequenceLost(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    const { type, cause: next } = cause as { type?: unknown; cause?: unknown };
    if (typeof type === 'string' && SEQUENCE_LOST.has(type)) return true;
    cause = next;
  }
  return false;
}

/**
 * An idempotent producer that connects on first use (and again after a disconnect, so a service
 * can start while Kafka is down), and that can start over as a new producer: a new producer id,
 * sequence numbers from 0.
 *
 * Why: kafkajs 2.2.4 takes a failed request's sequence numbers back, yet the broker may have
 * appended it (a timeout, fewer in-sync replicas after the append). The next send of that
 * partition then carries other messages under those numbers, which the broker refuses as out of
 * order, for ever. The Java client bumps its epoch there; kafkajs offers no such call, so a new
 * producer takes over. What the lost session had appended may then come twice: consumers tell
 * copies by event id.
 */
export class ProducerSession {
  readonly #create: () => Producer;
  #producer: Producer;
  #connected: Promise<void> | undefined;

  constructor(create: () => Producer) {
    this.#create = create;
    this.#producer = this.#adopt(create());
  }

  #adopt(producer: Producer): Producer {
    producer.on(producer.events.DISCONNECT, () => {
      if (producer === this.#producer) this.#connected = undefined;
    });
    return producer;
  }

  /** The current producer, connected. */
  async connected(): Promise<Producer> {
    const producer = this.#producer;
    this.#connected ??= producer.connect().catch((error: unknown) => {
      this.#connected = undefined;
      throw error;
    });
    await this.#connected;
    return producer;
  }

  /** Replaces the producer with a new one (connected on next use) and disconnects the old one. */
  async renew(): Promise<void> {
    const old = this.#producer;
    this.#producer = this.#adopt(this.#create());
    this.#connected = undefined;
    await old.disconnect().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.#producer.disconnect();
  }
}
