import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@prequal/service-kit';

/** A logger that keeps its JSON lines in memory, for tests that assert on logs or want quiet. */
export function memoryLogger(name = 'test'): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ name, level: 'debug', out });
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
