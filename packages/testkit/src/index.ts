export { stack, endpointsFromEnv, NO_STACK_MESSAGE, CLIENT_SETTINGS, type StackEndpoints } from './stack.ts';
export { stackSettings, stackRegistry } from './connections.ts';
export { uniqueName } from './names.ts';
export { createTestDatabase, type TestDatabase } from './database.ts';
export { createMigratedDatabase, type MigratedDatabase } from './migrated-database.ts';
export { eventually } from './eventually.ts';
export { testKafka, readMessages, type ReceivedMessage } from './kafka.ts';
export {
  aSubmittedEvent,
  aCreditReport,
  aDecision,
  TEST_PAN_790,
  TEST_PAN_610,
  TEST_CLIENT_ID,
} from './fixtures.ts';
export {
  createPipelineHarness,
  deleteSubject,
  disposeTopicsWithPrefix,
  type PipelineHarness,
} from './pipeline-harness.ts';
export { memoryLogger } from './quiet-logger.ts';
export { workerEnv } from './worker-env.ts';
export { insertPendingApplication, pendingApplicationOf, readDecisions } from './applications.ts';
export {
  spawnService,
  runServiceUntilExit,
  type ServiceProcess,
  type ExitedService,
} from './service-process.ts';
export { securedStack, type SecuredStack } from './secured-stack.ts';
export { createDisposableKafka, nativeKafkaLibs, type DisposableKafka } from './disposable-kafka.ts';
export { createTcpProxy, type TcpProxy } from './tcp-proxy.ts';
export { freePort } from './ports.ts';
export { testHost } from './service-host.ts';
export { createTestClient, ALL_TEST_SCOPES } from './api-client.ts';
export { TEST_KEYS, createTestPersonalDataKeys, type TestPersonalDataKeys } from './personal-data-keys.ts';
export { tempFileWith } from './temp-file.ts';
