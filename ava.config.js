// Tests are TypeScript, run by Node 24's own type stripping (no build step).
// Tiers by file name: *.unit.test.ts (pure, no I/O), *.int.test.ts (real Kafka, registry and
// PostgreSQL), *.e2e.test.ts (the three services as processes). TEST_TIER picks one tier.
const tier = process.env.TEST_TIER ?? 'all';
const tiers = tier === 'all' ? ['unit', 'int', 'e2e'] : [tier];

export default {
  files: tiers.flatMap((t) => [
    `{packages,services}/*/test/**/*.${t}.test.ts`,
    `test/**/*.${t}.test.ts`,
    `bench/test/**/*.${t}.test.ts`,
  ]),
  extensions: ['ts'],
  timeout: '120s',
  workerThreads: false,
  // kafkajs 2.2.4 schedules negative timeouts, which Node 24 reports (kafkajs#1751); harmless.
  nodeArguments: ['--disable-warning=TimeoutNegativeWarning'],
  environmentVariables: { KAFKAJS_NO_PARTITIONER_WARNING: '1' },
};
