import { readFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * `KAFKA_FOO_BAR=1` lines (confluentinc/cp-kafka's convention, infra/kafka.env) as broker
 * properties (`foo.bar=1`), as scripts/stack.sh maps them; of a setting given twice the last wins.
 */
export function kafkaEnvAsProperties(...files: readonly string[]): Map<string, string> {
  const properties = new Map<string, string>();
  for (const line of files.join('\n').split('\n')) {
    const match = /^KAFKA_([A-Z0-9_]+)=(.*)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined)
      properties.set(match[1].toLowerCase().replaceAll('_', '.'), match[2]);
  }
  return properties;
}

/**
 * The settings every broker of ours gets (infra/kafka.env), with a cluster's replication in place of
 * one node's (infra/kafka-cluster.env) when there are several: the native stack's and compose's.
 */
export async function sharedBrokerSettings(nodes: number): Promise<Map<string, string>> {
  const read = (file: string) => readFile(path.join(ROOT, 'infra', file), 'utf8');
  const files = [await read('kafka.env'), ...(nodes > 1 ? [await read('kafka-cluster.env')] : [])];
  return kafkaEnvAsProperties(...files);
}

export interface NodeListeners {
  readonly nodeId: number;
  readonly port: number;
  readonly controllerPort: number;
}

/**
 * server.properties of one KRaft node (broker and controller) of a cluster on loopback: the native
 * stack's node settings with plain listeners only (their principal, ANONYMOUS, is a super user, so
 * the authorizer lets the test's clients do anything), the shared settings, its data directory.
 */
export async function nodeProperties(
  node: NodeListeners,
  cluster: readonly NodeListeners[],
  dataDir: string,
): Promise<string> {
  const base = await readFile(path.join(ROOT, 'infra/native/kafka.properties'), 'utf8');
  const shared = await sharedBrokerSettings(cluster.length);
  const voters = cluster.map(({ nodeId, controllerPort }) => `${nodeId}@127.0.0.1:${controllerPort}`);
  return [
    base,
    `node.id=${node.nodeId}`,
    `controller.quorum.voters=${voters.join(',')}`,
    `listeners=PLAINTEXT://127.0.0.1:${node.port},CONTROLLER://127.0.0.1:${node.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${node.port}`,
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    ...[...shared].map(([key, value]) => `${key}=${value}`),
    `log.dirs=${dataDir}`,
    '',
  ].join('\n');
}
