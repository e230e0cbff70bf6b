import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse } from 'yaml';
import {
  createTestClient,
  createTestDatabase,
  disposeTopicsWithPrefix,
  stack,
  uniqueName,
  type StackEndpoints,
  type TestDatabase,
} from '@prequal/testkit';
import { createOrm, pgConnectionOf } from '@prequal/db';
import { engine, ROOT, runEngine, type EngineResult } from './container-engine.ts';
import type { Api } from './system-under-test.ts';
import {
  commonEnv,
  CONTAINER_CA_FILE,
  envArgs,
  stackCaFile,
  serviceSettings,
  SERVICES,
  SHUTDOWN_TIMEOUT_MS,
  type Service,
} from './container-env.ts';

/** The tag `make image` builds and docker-compose.yml runs. */
export const IMAGE = 'loan-prequal:local';
export { SERVICES, SHUTDOWN_TIMEOUT_MS, type Service } from './container-env.ts';

export interface ServiceContainer {
  readonly name: string;
  /** Where its API answers (prequal-api; a worker's ops port), on the host network. */
  readonly port: number;
  /** Where its /health, /ready and /metrics answer. */
  readonly opsPort: number;
}

export interface ContainerisedSystem {
  readonly endpoints: StackEndpoints;
  readonly prefix: string;
  /** The containerised API, as a client with every scope. */
  readonly api: Api;
  /** What the init command printed (it exited 0, or the system did not start). */
  readonly initOutput: string;
  readonly containers: Record<Service, ServiceContainer>;
  /** SIGTERM to a service's container; resolves with its exit code (null: it did not exit in time). */
  terminate(service: Service): Promise<number | null>;
  logs(service: Service): Promise<string>;
  /** Removes the containers (their logs are kept in .out/logs/), the database and the topics. */
  stop(): Promise<void>;
}

/**
 * As the Helm chart's securityContext runs every container (deploy/helm/prequal): the image's uid
 * 1000, a read-only root with /tmp the only writable place, no capabilities, no privilege gain.
 */
const HARDENED = [
  '--user',
  '1000:1000',
  '--read-only',
  '--tmpfs',
  '/tmp',
  '--cap-drop',
  'ALL',
  '--security-opt',
  'no-new-privileges',
];

/** The command docker-compose.yml's `init` service runs (migrations, schemas, topics). */
async function composeInitCommand(): Promise<string[]> {
  const compose = parse(await readFile(path.join(ROOT, 'docker-compose.yml'), 'utf8')) as {
    services: { init?: { command?: string[] } };
  };
  const command = compose.services.init?.command;
  if (!command?.length) throw new Error('docker-compose.yml has no command for its init service');
  return command;
}

async function waitUntilReady(container: ServiceContainer, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = await fetch(`http://127.0.0.1:${container.opsPort}/ready`, {
      signal: AbortSignal.timeout(2_000),
    })
      .then((response) => response.ok)
      .catch(() => false);
    if (ready) return;
    const running = await runEngine(['inspect', '--format', '{{.State.Running}}', container.name]);
    if (running.stdout.trim() !== 'true' || Date.now() > deadline) {
      const logs = await runEngine(['logs', '--tail', '20', container.name]);
      throw new Error(
        `${container.name} is not ready (running: ${running.stdout.trim() || running.stderr.trim()}); ` +
          `its log ends:\n${logs.stdout}${logs.stderr}`,
      );
    }
    await sleep(250);
  }
}

/**
 * The three services as containers from IMAGE, as docker-compose.yml runs them (init first, then
 * the services with an init process), but on the host network against the native stack, with
 * topics (a fresh prefix) and a database of their own.
 */
/** An API client in the database the init command migrated. */
async function clientOf(databaseUrl: string): Promise<{ headers: Record<string, string> }> {
  const orm = await createOrm({ connection: pgConnectionOf(databaseUrl), poolSize: 1 });
  try {
    return await createTestClient({ em: () => orm.em.fork() });
  } finally {
    await orm.close();
  }
}

export async function startContainerisedSystem(): Promise<ContainerisedSystem> {
  const endpoints = await stack();
  const prefix = `${uniqueName('c')}.`;
  const label = `prequal-e2e=${prefix}`;
  const database: TestDatabase = await createTestDatabase(endpoints.databaseUrl);
  const common = commonEnv(endpoints, prefix, database.url);
  // The stack's CA, readable by the containers' user (its own folder is the stack's, 0700).
  const caFile = stackCaFile(endpoints.clientEnv);
  const caDir = await mkdtemp(path.join(tmpdir(), 'prequal-ca-'));
  if (caFile) await copyFile(caFile, path.join(caDir, 'ca.pem'));
  await chmod(caDir, 0o755);
  const caMount = ['--volume', `${caDir}:${path.dirname(CONTAINER_CA_FILE)}:ro`];
  const containers: Partial<Record<Service, ServiceContainer>> = {};

  const logs = async (service: Service) => {
    const container = containers[service];
    if (!container) return '';
    const { stdout, stderr } = await runEngine(['logs', container.name]);
    return stdout + stderr;
  };
  const stop = async () => {
    const logDir = path.join(ROOT, '.out/logs');
    await mkdir(logDir, { recursive: true });
    for (const [service, container] of Object.entries(containers)) {
      await writeFile(path.join(logDir, `${container.name}.log`), await logs(service as Service));
    }
    const names = Object.values(containers).map((container) => container.name);
    if (names.length) await runEngine(['rm', '-f', ...names]);
    await database.drop();
    await disposeTopicsWithPrefix(endpoints, prefix);
    await rm(caDir, { recursive: true, force: true });
  };

  try {
    const init = await runEngine(
      [
        'run',
        '--rm',
        '--network',
        'host',
        '--no-healthcheck',
        ...HARDENED,
        ...caMount,
        ...envArgs(common),
        IMAGE,
        ...(await composeInitCommand()),
      ],
      { timeoutMs: 90_000 },
    );
    if (init.code !== 0)
      throw new Error(`the init command exited ${init.code}:\n${init.stdout}${init.stderr}`);

    await Promise.all(
      SERVICES.map(async (service) => {
        const { env, port, opsPort } = await serviceSettings(service, prefix, common);
        const name = `${prefix.replace(/\.$/, '')}-${service}`;
        // --no-healthcheck: podman would schedule the check with systemd timers (absent here); the
        // test runs the image's health check command itself.
        await engine([
          'run',
          '-d',
          '--name',
          name,
          '--label',
          label,
          '--network',
          'host',
          '--init',
          '--no-healthcheck',
          ...HARDENED,
          ...caMount,
          ...envArgs(env),
          IMAGE,
        ]);
        containers[service] = { name, port, opsPort };
        await waitUntilReady(containers[service]);
      }),
    );
    const started = containers as Record<Service, ServiceContainer>;
    const client = await clientOf(database.url);
    return {
      endpoints,
      prefix,
      api: { url: `http://127.0.0.1:${started['prequal-api'].port}`, headers: client.headers },
      initOutput: init.stdout,
      containers: started,
      terminate: async (service) => {
        const { name } = started[service];
        await engine(['kill', '--signal', 'TERM', name]);
        // Bounded beyond SHUTDOWN_TIMEOUT_MS: the service exits 1 itself when its drain runs out.
        const waited: EngineResult = await runEngine(['wait', name], {
          timeoutMs: SHUTDOWN_TIMEOUT_MS + 15_000,
        });
        return waited.code === 0 ? Number(waited.stdout.trim()) : null;
      },
      logs,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
