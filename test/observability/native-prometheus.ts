import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@prequal/testkit';
import { PROMETHEUS_DIR } from './observability-files.ts';

export interface PromSeries {
  readonly metric: Record<string, string>;
  readonly value: [number, string];
}

export interface PromAlert {
  readonly labels: Record<string, string>;
  readonly state: 'pending' | 'firing';
  readonly activeAt: string;
}

export interface NativePrometheus {
  readonly url: string;
  /** Points a job at these host:port targets (the file_sd file that `make run-native` writes too). */
  setTargets(job: string, targets: readonly string[]): Promise<void>;
  /** An instant query; a query Prometheus refuses (bad PromQL) throws. */
  query(expr: string): Promise<PromSeries[]>;
  alerts(): Promise<PromAlert[]>;
  stop(): Promise<void>;
}

export function prometheusInstalled(): boolean {
  return spawnSync('prometheus', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function api<T>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const body = (await response.json()) as { status: string; data: T; error?: string };
  if (body.status !== 'success')
    throw new Error(`Prometheus refused ${url}: ${body.error ?? response.status}`);
  return body.data;
}

/**
 * Debian's Prometheus with the repository's prometheus.yml and rules (linked, as `make observe`
 * does, so they are the very files), on a free port and a storage of its own.
 */
export async function startPrometheus(): Promise<NativePrometheus> {
  if (!prometheusInstalled())
    throw new Error('Prometheus is not installed: `make observe-check` installs it');
  const dir = await mkdtemp(path.join(tmpdir(), 'prometheus-'));
  await symlink(path.join(PROMETHEUS_DIR, 'prometheus.yml'), path.join(dir, 'prometheus.yml'));
  await symlink(path.join(PROMETHEUS_DIR, 'rules'), path.join(dir, 'rules'));
  await mkdir(path.join(dir, 'targets'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    'prometheus',
    [
      `--config.file=${dir}/prometheus.yml`,
      `--storage.tsdb.path=${dir}/data`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = createWriteStream(path.join(dir, 'prometheus.log'));
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const deadline = Date.now() + 30_000;
  while (
    !(await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Prometheus did not start, see ${dir}/prometheus.log`);
    }
    await sleep(200);
  }
  return {
    url,
    async setTargets(job, targets) {
      const file = path.join(dir, 'targets', `${job}.json`);
      await writeFile(`${file}.tmp`, JSON.stringify([{ targets }]));
      await rename(`${file}.tmp`, file);
    },
    async query(expr) {
      const data = await api<{ result: PromSeries[] }>(
        `${url}/api/v1/query?query=${encodeURIComponent(expr)}`,
      );
      return data.result;
    },
    async alerts() {
      return (await api<{ alerts: PromAlert[] }>(`${url}/api/v1/alerts`)).alerts;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
