// What every bench command (make bench, bench-faults, bench-brokers, soak) does around its own work.
import { execFileSync } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import type { StackEndpoints } from '@prequal/testkit';
import { cleanUpAll, installSignalHandlers, wasInterrupted } from './cleanup.ts';
import { LOG_DIR, REPO_ROOT } from './paths.ts';
import { assertStackUp, benchEndpoints, StackDownError } from './system/endpoints.ts';
import type { MachineInfo, RunRecord } from './results.ts';
import { serviceSettings } from './system/isolated-system.ts';
import { describeMachine } from './system/machine.ts';

/** An error the command explains in one line (exit 2), as a stack that is down. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * The start of a run: signals cleaned up after, the stack's endpoints (for the testkit helpers,
 * which read them from the environment; Kafka's only when the run uses the stack's), the stack
 * checked, the logs directory emptied, the machine described.
 */
export async function startRun({ stackKafka = true }: { stackKafka?: boolean } = {}): Promise<{
  endpoints: StackEndpoints;
  started: number;
  machine: MachineInfo;
}> {
  installSignalHandlers();
  const endpoints = benchEndpoints();
  if (stackKafka) process.env.KAFKA_BROKERS = endpoints.kafkaBrokers.join(',');
  process.env.SCHEMA_REGISTRY_URL = endpoints.schemaRegistryUrl;
  process.env.DATABASE_URL = endpoints.databaseUrl;
  await assertStackUp(endpoints);
  await rm(LOG_DIR, { recursive: true, force: true });
  await mkdir(LOG_DIR, { recursive: true });
  const started = Date.now();
  return { endpoints, started, machine: await describeMachine(endpoints) };
}

/** The commit the run measured (unknown outside a git checkout). */
export function currentCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** The record a run's results start with, finished now. */
export function runRecord<Kind extends string>(
  kind: Kind,
  started: number,
  machine: MachineInfo,
): RunRecord<Kind> {
  return {
    schema: 1,
    kind,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date().toISOString(),
    commit: currentCommit(),
    machine,
    serviceSettings: serviceSettings(),
  };
}

/**
 * Runs a command's main: an expected failure (the stack down, a usage error) is one line and exit
 * 2, any other its stack and exit 1, after cleaning up what the run started; an interrupted run
 * is left to the signal handlers.
 */
export async function runCommand(name: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (wasInterrupted()) return;
    const expected = error instanceof StackDownError || error instanceof UsageError;
    console.error(expected ? `${name}: ${error.message}` : error);
    await cleanUpAll();
    process.exit(expected ? 2 : 1);
  }
}
