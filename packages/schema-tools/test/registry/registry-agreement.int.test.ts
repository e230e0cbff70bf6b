import test from 'ava';
import { stack, uniqueName } from '@prequal/testkit';
import { readSchema } from '../../src/avro/read-schema.ts';
import { judgeChange } from '../../src/compatibility/compatibility-levels.ts';
import { describeAll } from '../../src/compatibility/describe-incompatibility.ts';
import { registryAccessFromEnv } from '../../src/registry/registry-access.ts';
import { RegistryClient } from '../../src/registry/registry-client.ts';
import { decimal, enumOf, field, fixed, record, type SchemaJson } from '../helpers/schema-builders.ts';

/** A versioned test event: fields after the first two vary by case. */
const event = (fields: Record<string, unknown>[], extra: Record<string, unknown> = {}) =>
  record('Probe', [field('id', 'string'), ...fields], { namespace: 'in.prequal.test', ...extra });

const decision = (symbols: string[], extra: Record<string, unknown> = {}) =>
  enumOf('Decision', symbols, extra);

/** Changes from a first to a second version: our FULL verdict must equal the registry's under FULL_TRANSITIVE. */
const cases: { change: string; before: SchemaJson; after: SchemaJson; compatible: boolean }[] = [
  {
    change: 'a field added with a default',
    before: event([]),
    after: event([field('note', 'string', { default: '' })]),
    compatible: true,
  },
  {
    change: 'a field added without a default',
    before: event([]),
    after: event([field('note', 'string')]),
    compatible: false,
  },
  {
    change: 'a field with a default removed',
    before: event([field('note', 'string', { default: '' })]),
    after: event([]),
    compatible: true,
  },
  {
    change: 'a field without a default removed',
    before: event([field('score', 'int')]),
    after: event([]),
    compatible: false,
  },
  {
    change: 'int widened to long',
    before: event([field('score', 'int')]),
    after: event([field('score', 'long')]),
    compatible: false,
  },
  {
    change: 'int changed to string',
    before: event([field('score', 'int')]),
    after: event([field('score', 'string')]),
    compatible: false,
  },
  {
    change: 'string changed to bytes',
    before: event([field('pan', 'string')]),
    after: event([field('pan', 'bytes')]),
    compatible: true,
  },
  {
    change: 'an enum symbol added without an enum default',
    before: event([field('d', decision(['A', 'B']))]),
    after: event([field('d', decision(['A', 'B', 'C']))]),
    compatible: false,
  },
  {
    change: 'an enum symbol added with an enum default',
    before: event([field('d', decision(['A', 'U'], { default: 'U' }))]),
    after: event([field('d', decision(['A', 'U', 'C'], { default: 'U' }))]),
    compatible: true,
  },
  {
    change: 'an enum symbol removed without an enum default',
    before: event([field('d', decision(['A', 'B']))]),
    after: event([field('d', decision(['A']))]),
    compatible: false,
  },
  {
    change: 'an enum symbol removed with an enum default',
    before: event([field('d', decision(['A', 'B', 'U'], { default: 'U' }))]),
    after: event([field('d', decision(['A', 'U'], { default: 'U' }))]),
    compatible: true,
  },
  {
    change: 'a doc changed',
    before: event([field('score', 'int', { doc: 'Score.' })]),
    after: event([field('score', 'int', { doc: 'CIBIL score.' })]),
    compatible: true,
  },
  {
    change: 'a field made nullable',
    before: event([field('score', 'int')]),
    after: event([field('score', ['null', 'int'], { default: null })]),
    compatible: false,
  },
  {
    change: 'a branch added to a union',
    before: event([field('v', ['null', 'string'], { default: null })]),
    after: event([field('v', ['null', 'string', 'int'], { default: null })]),
    compatible: false,
  },
  {
    change: 'the record namespace changed',
    before: event([]),
    after: event([], { namespace: 'in.prequal.other' }),
    compatible: true,
  },
  {
    change: 'the record renamed with an alias of the old name',
    before: event([]),
    after: { ...event([]), name: 'Renamed', aliases: ['Probe'] },
    compatible: false,
  },
  {
    change: 'a field renamed with an alias, both with defaults',
    before: event([field('a', 'int', { default: 0 })]),
    after: event([field('b', 'int', { default: 0, aliases: ['a'] })]),
    compatible: true,
  },
  {
    change: 'a field renamed with an alias, without defaults',
    before: event([field('a', 'int')]),
    after: event([field('b', 'int', { aliases: ['a'] })]),
    compatible: false,
  },
  {
    change: 'a decimal scale changed (resolved on bytes)',
    before: event([field('amountInr', decimal(12, 2))]),
    after: event([field('amountInr', decimal(12, 3))]),
    compatible: true,
  },
  {
    change: 'a fixed size changed',
    before: event([field('h', fixed('Hash', 16))]),
    after: event([field('h', fixed('Hash', 32))]),
    compatible: false,
  },
  {
    change: 'array items widened',
    before: event([field('xs', { type: 'array', items: 'int' })]),
    after: event([field('xs', { type: 'array', items: 'long' })]),
    compatible: false,
  },
  {
    change: 'map values string to bytes',
    before: event([field('m', { type: 'map', values: 'string' })]),
    after: event([field('m', { type: 'map', values: 'bytes' })]),
    compatible: true,
  },
  {
    change: 'a nested record field added with a default',
    before: event([field('r', record('Inner', [field('a', 'int')]))]),
    after: event([field('r', record('Inner', [field('a', 'int'), field('b', 'int', { default: 0 })]))]),
    compatible: true,
  },
  {
    change: 'a nested record field type changed',
    before: event([field('r', record('Inner', [field('a', 'int')]))]),
    after: event([field('r', record('Inner', [field('a', 'boolean')]))]),
    compatible: false,
  },
];

for (const { change, before, after, compatible } of cases) {
  test(`our FULL verdict equals the registry's FULL_TRANSITIVE verdict: ${change}`, async (t) => {
    const registry = new RegistryClient((await stack()).schemaRegistryUrl, registryAccessFromEnv());
    const subject = `${uniqueName('agreement')}-value`;
    await registry.setCompatibilityLevel(subject, 'FULL_TRANSITIVE');
    await registry.register(subject, JSON.stringify(before));

    const answer = await registry.testCompatibility(subject, JSON.stringify(after));
    const verdict = judgeChange(readSchema(before), readSchema(after));
    const reasons = [
      ...describeAll(verdict.backward, 'backward'),
      ...describeAll(verdict.forward, 'forward'),
    ];

    t.is(answer.isCompatible, compatible, 'the registry');
    t.is(reasons.length === 0, compatible, `our checker: ${reasons.join('; ')}`);
  });
}
