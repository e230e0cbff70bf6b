export { stack, endpointsFromEnv, NO_STACK_MESSAGE, type StackEndpoints } from './stack.ts';
export { uniqueName } from './names.ts';
export { createTestDatabase, type TestDatabase } from './database.ts';
export { createMigratedDatabase, type MigratedDatabase } from './migrated-database.ts';
export { eventually } from './eventually.ts';
export { testKafka, readMessages, type ReceivedMessage } from './kafka.ts';
export { aSubmittedEvent, aCreditReport, aDecision, TEST_PAN_790, TEST_PAN_610 } from './fixtures.ts';
export { createPipelineHarness, type PipelineHarness } from './pipeline-harness.ts';
export { memoryLogger } from './quiet-logger.ts';
