// The ava configuration of one workspace (packages/*, services/*, bench): its own tests, with the
// root configuration's settings. Each workspace's `npm test` runs them, so `lerna run test` runs
// every workspace's tests in dependency order (`make test-workspaces`), and
// `npx lerna run test --scope @prequal/db` one workspace's. `make test` still runs everything at
// once from the root (one coverage report, the tests of test/ too).
import root from './ava.config.js';

export function workspaceConfig() {
  const tier = process.env.TEST_TIER ?? 'all';
  const tiers = tier === 'all' ? ['unit', 'int', 'e2e'] : [tier];
  return { ...root, files: tiers.map((t) => `test/**/*.${t}.test.ts`) };
}
