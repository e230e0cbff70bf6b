// AVA shared worker: starts the stack once per test run with testcontainers, from the same images
// as docker-compose.yml, and hands every test file the endpoints. Used only when no endpoints are
// set in the environment and a Docker engine answers.
import { readFile } from 'node:fs/promises';
import type { SharedWorker } from 'ava/plugin';
import { GenericContainer, Network, Wait, type StartedTestContainer } from 'testcontainers';
import { KafkaContainer } from '@testcontainers/kafka';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { parse } from 'yaml';
import type { StackEndpoints } from './stack.ts';

interface ComposeFile {
  services: Record<string, { image: string }>;
}

async function composeImage(service: string): Promise<string> {
  const compose = parse(
    await readFile(new URL('../../../docker-compose.yml', import.meta.url), 'utf8'),
  ) as ComposeFile;
  const image = compose.services[service]?.image;
  if (!image) throw new Error(`docker-compose.yml has no image for service ${service}`);
  return image;
}

async function startStack(started: StartedTestContainer[]): Promise<StackEndpoints> {
  const network = await new Network().start();
  const [postgres, kafka] = await Promise.all([
    new PostgreSqlContainer(await composeImage('postgres'))
      .withDatabase('prequal')
      .withUsername('postgres')
      .withPassword('postgres')
      .start(),
    new KafkaContainer(await composeImage('kafka'))
      .withKraft()
      .withNetwork(network)
      .withNetworkAliases('kafka')
      .start(),
  ]);
  started.push(postgres, kafka);
  const registry = await new GenericContainer(await composeImage('schema-registry'))
    .withNetwork(network)
    .withEnvironment({
      SCHEMA_REGISTRY_HOST_NAME: 'schema-registry',
      SCHEMA_REGISTRY_LISTENERS: 'http://0.0.0.0:8081',
      SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS: 'PLAINTEXT://kafka:9092',
    })
    .withExposedPorts(8081)
    .withWaitStrategy(Wait.forHttp('/subjects', 8081))
    .start();
  started.push(registry);
  return {
    kafkaBrokers: [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`],
    schemaRegistryUrl: `http://${registry.getHost()}:${registry.getMappedPort(8081)}`,
    databaseUrl: postgres.getConnectionUri(),
    clientEnv: {},
  };
}

export default async function main(options: SharedWorker.FactoryOptions): Promise<void> {
  const protocol = options.negotiateProtocol(['ava-4']).ready();
  const started: StartedTestContainer[] = [];
  let endpoints: Promise<StackEndpoints> | undefined;
  for await (const message of protocol.subscribe()) {
    endpoints ??= startStack(started);
    endpoints.then(
      (value) => message.reply(value),
      (error: unknown) => message.reply({ error: String(error) }),
    );
  }
}
