import test from 'ava';
import { createMessaging } from '@prequal/messaging';
import { createPipelineHarness, createTcpProxy, memoryLogger, uniqueName } from '@prequal/testkit';

test('the registry check fails, naming the subject, until the schemas of the topics a service writes are registered', async (t) => {
  const harness = await createPipelineHarness(1);
  t.teardown(() => harness.dispose());
  const { logger } = memoryLogger();
  const config = harness.settings;
  const writes = ['credit_reports_generated'] as const;

  // A prefix whose subjects nobody registered, as before `make init` has run.
  const unregisteredPrefix = `${uniqueName('t')}.`;
  const fresh = createMessaging('test', { ...config, TOPIC_PREFIX: unregisteredPrefix }, logger, writes);
  t.teardown(() => fresh.close());
  await t.throwsAsync(fresh.readiness.registry(), {
    message: new RegExp(
      `schema of ${unregisteredPrefix.replace('.', '\\.')}credit_reports_generated not found in the registry`,
    ),
  });

  const registered = createMessaging('test', config, logger, writes);
  t.teardown(() => registered.close());
  await t.notThrowsAsync(registered.readiness.registry());
});

test('a warm service stays ready through a registry outage; a cold one is not ready until the registry answers', async (t) => {
  const harness = await createPipelineHarness(1);
  t.teardown(() => harness.dispose());
  const { logger } = memoryLogger();
  const upstream = new URL(harness.settings.SCHEMA_REGISTRY_URL);
  const proxy = await createTcpProxy(upstream.hostname, Number(upstream.port || 80));
  t.teardown(() => proxy.close());
  const settings = {
    ...harness.settings,
    SCHEMA_REGISTRY_URL: `${upstream.protocol}//127.0.0.1:${proxy.port}${upstream.pathname}`,
  };
  const writes = ['credit_reports_generated'] as const;
  const warm = createMessaging('warm', settings, logger, writes);
  t.teardown(() => warm.close());
  await warm.readiness.registry(); // resolves and caches the writer schema id

  await proxy.down();
  const cold = createMessaging('cold', settings, logger, writes);
  t.teardown(() => cold.close());
  await t.notThrowsAsync(warm.readiness.registry(), 'it encodes with the cached id: it can work');
  await t.throwsAsync(cold.readiness.registry(), undefined, 'it cannot encode anything yet');

  await proxy.up();
  await t.notThrowsAsync(cold.readiness.registry());
});
