export { stack, endpointsFromEnv, NO_STACK_MESSAGE, type StackEndpoints } from './stack.ts';
export { uniqueName } from './names.ts';
export { createTestDatabase, type TestDatabase } from './database.ts';
export { eventually } from './eventually.ts';
