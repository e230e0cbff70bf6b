#!/usr/bin/env node
// `make pii-keys`, `make pii-rotate`, `make pii-reencrypt`, `make pii-convert`, `make pii-erase`:
// the keys of personal data and the operations on the sealed rows. `--help` lists them.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Joi from 'joi';
import {
  createOrm,
  databaseConnectionSettings,
  pgConnection,
  erasePersonalDataByPanIndex,
  hasPlaintextColumns,
  plaintextPersonalData,
  replaceSealedPersonalData,
  sealedUnderOtherKeys,
  sealPlaintextPersonalData,
  type DatabaseConnectionSettings,
  type Orm,
} from '@prequal/db';
import {
  blindIndex,
  blindIndexSettings,
  keyringSettings,
  loadBlindIndexKey,
  loadKeyring,
  newKeyring,
  openValue,
  parseKeyring,
  rotateKeyring,
  ROW_FIELDS,
  sealApplicant,
  sealValue,
  serializeKeyring,
} from '@prequal/pii';
import { loadConfig, maskPan } from '@prequal/service-kit';

const USAGE = `usage: personal-data <command> [options]

commands:
  keys [--dir <dir>]      new development keys in <dir> (default .stack): pii-keyring (a keyring
                          with one data key) and pii-blind-index.key; kept when they exist.
                          --env prints them as .env lines instead (PII_KEYRING=…, PII_BLIND_INDEX_KEY=…)
  rotate --file <file>    add a data key to the keyring in <file> and seal with it from now on
                          (the older keys stay, so everything sealed before still opens)
  reencrypt               seal every stored PAN and name under the current key (after a rotation)
  convert                 seal the PANs and names of rows written before they were sealed
  erase --pan <PAN>       erase the PAN and name of every application of this PAN (a data
                          principal's request), found by the blind index

reencrypt, convert and erase read DATABASE_URL, PII_KEYRING(_FILE) and PII_BLIND_INDEX_KEY(_FILE)
(when neither of a pair is set: the development keys in .stack/).
exit codes: 0 done, 1 failed (the message says why), 2 usage error`;

function usageError(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

const { positionals, values } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        dir: { type: 'string', default: '.stack' },
        env: { type: 'boolean', default: false },
        file: { type: 'string' },
        pan: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
})();
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const exists = (file: string): Promise<boolean> =>
  stat(file).then(
    () => true,
    () => false,
  );

async function keys(): Promise<void> {
  if (values.env) {
    process.stdout.write(
      `PII_KEYRING=${serializeKeyring(await newKeyring())}\nPII_BLIND_INDEX_KEY=${randomBytes(32).toString('base64')}\n`,
    );
    return;
  }
  const keyringFile = path.join(values.dir, 'pii-keyring');
  const blindIndexFile = path.join(values.dir, 'pii-blind-index.key');
  await mkdir(values.dir, { recursive: true });
  if (!(await exists(keyringFile)))
    await writeFile(keyringFile, `${serializeKeyring(await newKeyring())}\n`, { mode: 0o600 });
  if (!(await exists(blindIndexFile)))
    await writeFile(blindIndexFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  process.stdout.write(`keys of personal data: ${keyringFile}, ${blindIndexFile}\n`);
}

async function rotate(): Promise<void> {
  if (!values.file) usageError('rotate needs --file <keyring file>');
  const rotated = await rotateKeyring(parseKeyring(await readFile(values.file, 'utf8')));
  await writeFile(values.file, `${serializeKeyring(rotated)}\n`, { mode: 0o600 });
  process.stdout.write(
    `keyring ${values.file}: seals with ${rotated.current} from now on; keys ${Object.keys(rotated.dataKeys).join(', ')}\n`,
  );
  process.stdout.write('restart the services to use it, then run: make pii-reencrypt\n');
}

/** Without keys in the environment, the development ones `make run-native` keeps in .stack/. */
function developmentKeys(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const unset = (name: string) => !env[name] && !env[`${name}_FILE`];
  return {
    ...env,
    ...(unset('PII_KEYRING') && { PII_KEYRING_FILE: '.stack/pii-keyring' }),
    ...(unset('PII_BLIND_INDEX_KEY') && { PII_BLIND_INDEX_KEY_FILE: '.stack/pii-blind-index.key' }),
  };
}

const settings = () =>
  loadConfig(
    Joi.object({ ...databaseConnectionSettings, ...keyringSettings, ...blindIndexSettings }),
    developmentKeys(process.env),
  ) as DatabaseConnectionSettings &
    Parameters<typeof loadKeyring>[0] &
    Parameters<typeof loadBlindIndexKey>[0];

async function withDatabase(work: (orm: Orm) => Promise<void>): Promise<void> {
  const orm = await createOrm({ connection: pgConnection(settings()), poolSize: 1 });
  try {
    await work(orm);
  } finally {
    await orm.close();
  }
}

const BATCH = 500;

async function reencrypt(): Promise<void> {
  const keyring = await loadKeyring(settings());
  await withDatabase(async (orm) => {
    let resealed = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await sealedUnderOtherKeys(orm.em.fork(), keyring.currentId, { after, limit: BATCH });
      for (const row of rows) {
        const reseal = (value: string | null, field: string) =>
          value === null ? null : sealValue(openValue(value, keyring, field), keyring, field);
        const changed = await replaceSealedPersonalData(orm.em.fork(), row, {
          panSealed: reseal(row.panSealed, ROW_FIELDS.pan),
          applicantNameSealed: reseal(row.applicantNameSealed, ROW_FIELDS.name),
        });
        if (changed) resealed += 1;
        after = row.id;
      }
      if (rows.length < BATCH) break;
    }
    process.stdout.write(`${resealed} application(s) sealed again under ${keyring.currentId}\n`);
  });
}

async function convert(): Promise<void> {
  const config = settings();
  const [keyring, blindIndexKey] = [await loadKeyring(config), loadBlindIndexKey(config)];
  await withDatabase(async (orm) => {
    if (!(await hasPlaintextColumns(orm.em.fork()))) {
      process.stdout.write('nothing to convert: no plaintext columns are left\n');
      return;
    }
    let converted = 0;
    for (;;) {
      const rows = await plaintextPersonalData(orm.em.fork(), BATCH);
      for (const row of rows) {
        const sealed =
          row.panNumber === null
            ? { panSealed: null, panBlindIndex: null, panMasked: null, applicantNameSealed: null }
            : sealApplicant(
                { panNumber: row.panNumber, applicantName: row.applicantName },
                keyring,
                blindIndexKey,
              );
        await sealPlaintextPersonalData(orm.em.fork(), row.id, sealed);
        converted += 1;
      }
      if (rows.length < BATCH) break;
    }
    process.stdout.write(
      `${converted} application(s) sealed; now run: make db-migrate (it drops the plaintext columns)\n`,
    );
  });
}

async function erase(): Promise<void> {
  if (!values.pan) usageError('erase needs --pan <PAN>');
  const pan = values.pan.trim().toUpperCase();
  const blindIndexKey = loadBlindIndexKey(settings());
  await withDatabase(async (orm) => {
    const erased = await erasePersonalDataByPanIndex(
      orm.em.fork(),
      blindIndex(blindIndexKey, pan),
      new Date(),
    );
    process.stdout.write(`personal data of ${erased} application(s) of PAN ${maskPan(pan)} erased\n`);
  });
}

const commands = new Map<string, () => Promise<void>>([
  ['keys', keys],
  ['rotate', rotate],
  ['reencrypt', reencrypt],
  ['convert', convert],
  ['erase', erase],
]);
const [command] = positionals;
const run = command === undefined ? undefined : commands.get(command);
if (!run) usageError(command ? `unknown command: ${command}` : 'no command');
try {
  await run();
} catch (error) {
  process.stderr.write(
    `personal-data ${command}: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
}
