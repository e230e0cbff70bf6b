import type { Writable } from 'node:stream';
import bunyan from 'bunyan';
import { maskPansIn } from './pan.ts';

export type Logger = bunyan;

/**
 * A bunyan stream that masks every PAN in the serialised record (in messages, fields and error
 * stacks alike) before it is written, so no log line ever carries a PAN in the clear.
 */
export function panMaskingStream(out?: Writable): bunyan.Stream {
  const target = out ?? onePerTurn(process.stdout);
  return {
    type: 'raw',
    stream: {
      write(record: unknown): boolean {
        return target.write(`${maskPansIn(JSON.stringify(record, bunyanSafe))}\n`);
      },
    },
  };
}

/**
 * Lines for stdout, written once per event-loop turn: a busy API logs a line per request, and a
 * write to a pipe or a file is a system call of its own (synchronous in Node), so the lines of one
 * turn go out in one. What is pending is written when the process exits, a fatal exit included.
 */
function onePerTurn(out: Writable): { write(line: string): boolean } {
  let pending = '';
  const flush = (): void => {
    if (pending === '') return;
    const text = pending;
    pending = '';
    out.write(text);
  };
  process.once('exit', flush);
  return {
    write(line: string): boolean {
      if (pending === '') setImmediate(flush);
      pending += line;
      return true;
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
