import test from 'ava';
import { createMessaging } from '@prequal/messaging';
import { createPipelineHarness, memoryLogger, uniqueName } from '@prequal/testkit';

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
