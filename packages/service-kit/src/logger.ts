import type { Writable } from 'node:stream';
import bunyan from 'bunyan';
import { maskPansIn } from './pan.ts';

export type Logger = bunyan;

/**
 * A bunyan stream that masks every PAN in the serialised record (in messages, fields and error
 * stacks alike) before it is written, so no log line ever carries a PAN in the clear.
 */
export function panMaskingStream(out: Writable = process.stdout): bunyan.Stream {
  return {
    type: 'raw',
    stream: {
      write(record: unknown): boolean {
        return out.write(`${maskPansIn(JSON.stringify(record, bunyanSafe))}\n`);
      },
    },
  };
}

/** JSON replacer: bunyan records may hold bigints and errors. */
function bunyanSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

export interface LoggerOptions {
  readonly name: string;
  readonly level: bunyan.LogLevel;
  readonly out?: Writable;
}

export function createLogger({ name, level, out }: LoggerOptions): Logger {
  return bunyan.createLogger({
    name,
    level,
    streams: [{ ...panMaskingStream(out), level }],
    serializers: bunyan.stdSerializers,
  });
}
