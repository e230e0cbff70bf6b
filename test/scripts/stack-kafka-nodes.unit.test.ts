import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';

const ROOT = path.resolve(import.meta.dirname, '../..');
const STACK = path.join(ROOT, 'scripts/stack.sh');

/**
 * `scripts/stack.sh up` on a stack directory whose Kafka data was formatted for `formattedFor`
 * nodes (a one-node stack from before the setting: no record of it), asked for `wanted`. A refusal
 * comes before anything starts; should it not come, the stack it started (on ports moved out of
 * everyone's way) is stopped again.
 */
async function stackUp(formattedFor: 'before' | 1 | 3, wanted: string) {
  const dir = await mkdtemp(path.join(tmpdir(), 'stack-nodes-'));
  const env = {
    PATH: process.env.PATH ?? '',
    STACK_DIR: dir,
    STACK_PORT_OFFSET: '777',
    STACK_KAFKA_NODES: wanted,
  };
  try {
    await mkdir(path.join(dir, 'data/kafka/log'), { recursive: true });
    await writeFile(path.join(dir, 'data/kafka/log/meta.properties'), 'cluster.id=x\nnode.id=1\n');
    if (formattedFor !== 'before') await writeFile(path.join(dir, 'data/kafka/nodes'), `${formattedFor}\n`);
    return await promisify(execFile)('bash', [STACK, 'up'], { env, timeout: 20_000 }).then(
      () => ({ code: 0, said: '' }),
      (error: unknown) => {
        const { code, stderr } = error as { code: number; stderr: string };
        return { code, said: stderr };
      },
    );
  } finally {
    await promisify(execFile)('bash', [STACK, 'down'], { env }).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

test('a one-node stack asked for three nodes refuses before starting anything, and says how to start over', async (t) => {
  const { code, said } = await stackUp('before', '3');
  t.is(code, 1);
  t.regex(said, /formatted for 1 node\(s\), not 3/);
  t.regex(said, /make stack-clean.*make stack-up STACK_KAFKA_NODES=3/);
});

test('a three-node stack asked for one node refuses too', async (t) => {
  const { code, said } = await stackUp(3, '1');
  t.is(code, 1);
  t.regex(said, /formatted for 3 node\(s\), not 1/);
});

test('a node count other than 1 or 3 is refused', async (t) => {
  const { code, said } = await stackUp(1, '2');
  t.is(code, 1);
  t.regex(said, /STACK_KAFKA_NODES is 2: use 1 \(the default\) or 3/);
});
