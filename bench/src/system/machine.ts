import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { StackEndpoints } from '@prequal/testkit';
import { REPO_ROOT, stackRunDir } from '../paths.ts';
import type { MachineInfo } from '../results.ts';

function cpuModel(): string {
  const line = readFileSync('/proc/cpuinfo', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('model name'));
  return line?.split(':')[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
}

function nativeVersion(key: string): string | undefined {
  try {
    const versions = readFileSync(path.join(REPO_ROOT, 'infra/native/versions.env'), 'utf8');
    return new RegExp(`^${key}=(.+)$`, 'm').exec(versions)?.[1]?.trim();
  } catch {
    return undefined;
  }
}

/** The Kafka version from the running broker's class path (.stack/cache/kafka-<version>/libs). */
function kafkaVersion(): string {
  try {
    const pid = readFileSync(path.join(stackRunDir(), 'kafka.pid'), 'utf8').trim();
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const version = /kafka-([\d.]+)\/libs/.exec(cmdline)?.[1];
    if (version) return `Apache Kafka ${version} (native, KRaft, 1 node)`;
  } catch {
    // not the native stack: fall through
  }
  return `Apache Kafka ${nativeVersion('KAFKA_VERSION') ?? 'unknown'}`;
}

async function registryVersion(url: string): Promise<string> {
  try {
    const base = new URL(url).origin;
    const response = await fetch(`${base}/apis/registry/v3/system/info`, {
      signal: AbortSignal.timeout(2_000),
    });
    const info = (await response.json()) as { name?: string; version?: string };
    if (info.version) return `${info.name ?? 'Apicurio Registry'} ${info.version}`;
  } catch {
    // not Apicurio
  }
  return 'Confluent-API schema registry';
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return `PostgreSQL ${rows[0]?.server_version ?? 'unknown'}`;
  } finally {
    await client.end();
  }
}

export async function describeMachine(endpoints: StackEndpoints): Promise<MachineInfo> {
  return {
    cpuModel: cpuModel(),
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    kafka: kafkaVersion(),
    postgres: await postgresVersion(endpoints.databaseUrl),
    registry: await registryVersion(endpoints.schemaRegistryUrl),
    loadAverageAtStart: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}
