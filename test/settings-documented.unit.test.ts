import { readFile } from 'node:fs/promises';
import test from 'ava';
import { settingsSchema as creditService } from '../services/credit-service/src/config.ts';
import { settingsSchema as decisionService } from '../services/decision-service/src/config.ts';
import { settingsSchema as prequalApi } from '../services/prequal-api/src/config.ts';

const variables = [
  ...new Set(
    [prequalApi, creditService, decisionService].flatMap((schema) =>
      Object.keys((schema.describe() as { keys: Record<string, unknown> }).keys),
    ),
  ),
].sort();

test('every variable a service reads is in .env.example, with what it is for', async (t) => {
  const example = await readFile(new URL('../.env.example', import.meta.url), 'utf8');
  const missing = variables.filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(example));
  t.deepEqual(missing, []);
});

test("every variable a service reads is in the README's configuration table", async (t) => {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Operations'));
  const missing = variables.filter((name) => !table.includes(`\`${name}\``));
  t.deepEqual(missing, []);
});
