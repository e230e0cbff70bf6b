// What testcontainers can do against podman's Docker API (scripts/podman-docker-api.sh runs this
// with DOCKER_HOST set): one line per check, OK or FAIL with the first line of the error.
// A report, not a test: the images of the real stack cannot be pulled here.
import { GenericContainer, getContainerRuntimeClient, Network, Wait } from 'testcontainers';
import { KafkaContainer } from '@testcontainers/kafka';
import { PostgreSqlContainer } from '@testcontainers/postgresql';

const SERVE =
  "require('node:http').createServer((q, s) => s.end('hi')).listen(8080, () => console.log('listening'))";
const BASE = 'node:24.21.0-bookworm-slim';
// Without Ryuk nothing reaps a container whose start failed: the script removes them by this label.
const LABELS = { 'prequal-probe': process.env.PROBE_RUN ?? 'manual' };
const container = (image: string) => new GenericContainer(image).withLabels(LABELS);

async function check(name: string, probe: () => Promise<string>): Promise<void> {
  try {
    process.stdout.write(`OK   ${name}: ${await probe()}\n`);
  } catch (error) {
    process.stdout.write(
      `FAIL ${name}: ${String(error instanceof Error ? error.message : error).split('\n')[0] ?? ''}\n`,
    );
  }
}

await check('the runtime client answers', async () => {
  const { info } = await getContainerRuntimeClient();
  return `server ${info.containerRuntime.serverVersion}, host ${info.containerRuntime.host}`;
});

await check(`${BASE} (made locally): published port, HTTP wait, exec, stop`, async () => {
  const started = await container(BASE)
    .withCommand(['node', '-e', SERVE])
    .withExposedPorts(8080)
    .withWaitStrategy(Wait.forHttp('/', 8080))
    .start();
  const body = await (await fetch(`http://${started.getHost()}:${started.getMappedPort(8080)}/`)).text();
  const exec = await started.exec(['id', '-u']);
  await started.stop();
  return `GET answered ${body}, exec id -u printed ${exec.output.trim()}`;
});

await check('a network of its own: one container reaches another by its alias', async () => {
  const network = await new Network().start();
  const web = await container(BASE)
    .withNetwork(network)
    .withNetworkAliases('web')
    .withCommand(['node', '-e', SERVE])
    .withWaitStrategy(Wait.forLogMessage('listening'))
    .start();
  const client = await container(BASE).withNetwork(network).withCommand(['sleep', '60']).start();
  const fetched = await client.exec([
    'node',
    '-e',
    "fetch('http://web:8080/').then((r) => r.text()).then(console.log)",
  ]);
  await Promise.all([web.stop(), client.stop()]);
  await network.stop();
  return `http://web:8080/ answered ${fetched.output.trim()}`;
});

await check('loan-prequal:local with only one of its EXPOSEd ports published', async () => {
  const started = await container('loan-prequal:local')
    .withExposedPorts(3000)
    .withCommand(['node', '-e', SERVE.replace('8080', '3000')])
    .withStartupTimeout(15_000)
    .start();
  await started.stop();
  return 'started';
});

await check('loan-prequal:local with all its EXPOSEd ports (3000-3002) published', async () => {
  const started = await container('loan-prequal:local')
    .withExposedPorts(3000, 3001, 3002)
    .withCommand(['node', '-e', SERVE.replace('8080', '3000')])
    .withWaitStrategy(Wait.forLogMessage('listening'))
    .start();
  const body = await (await fetch(`http://${started.getHost()}:${started.getMappedPort(3000)}/`)).text();
  await started.stop();
  return `GET answered ${body}`;
});

await check('PostgreSqlContainer postgres:15.14 (the harness image)', async () => {
  const postgres = await new PostgreSqlContainer('postgres:15.14').withLabels(LABELS).start();
  await postgres.stop();
  return 'started';
});

await check('KafkaContainer confluentinc/cp-kafka:8.1.1 (the harness image)', async () => {
  const kafka = await new KafkaContainer('confluentinc/cp-kafka:8.1.1')
    .withLabels(LABELS)
    .withKraft()
    .start();
  await kafka.stop();
  return 'started';
});
