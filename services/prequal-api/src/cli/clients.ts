#!/usr/bin/env node
// `make client-create NAME=… [SCOPES=…]`, `make client-list`, `make client-revoke KEY_ID=…`: the
// API's clients and their keys. `dev-key` is what `make run-native` and compose's init run.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Joi from 'joi';
import {
  createClient,
  createOrm,
  databaseConnectionSettings,
  pgConnection,
  findClientByName,
  findKeyHolder,
  hashApiKey,
  listClients,
  revokeKey,
  type DatabaseConnectionSettings,
  type Orm,
} from '@prequal/db';
import { loadConfig } from '@prequal/service-kit';
import { ALL_SCOPES, SCOPES } from '../auth/client.ts';
import { parseScopes } from '../auth/clients.ts';

const USAGE = `usage: clients <command> [options]

commands:
  create --name <name> [--scopes <scope,...>]  a new client and its first API key (the key alone on the last line)
  list                                       every client, its scopes and its keys (never the keys themselves)
  revoke --key-id <id>                       revoke a key (it stops working within 30 s on every API instance)
  dev-key [--file <path>]                    the development client: reuse the key in <path> when it still works,
                                             else create a client "development" with every scope and write its key there

scopes: ${ALL_SCOPES.join(', ')} (default: ${SCOPES.submit},${SCOPES.read})
exit codes: 0 done, 1 failed (the message says why), 2 usage error
reads DATABASE_URL`;

function usageError(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

const { positionals, values } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        scopes: { type: 'string' },
        'key-id': { type: 'string' },
        file: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
})();
const [command] = positionals;
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

async function create(orm: Orm): Promise<void> {
  if (!values.name) usageError('create needs --name');
  const scopes = parseScopes(values.scopes ?? `${SCOPES.submit},${SCOPES.read}`);
  const created = await createClient(orm.em.fork(), values.name, scopes);
  process.stdout.write(
    `client ${created.clientId} (${values.name}), scopes ${scopes.join(' ')}\nkey id ${created.keyId}; the key, shown only now:\n${created.key}\n`,
  );
}

async function list(orm: Orm): Promise<void> {
  const clients = await listClients(orm.em.fork());
  process.stdout.write(`${clients.length} client(s)\n`);
  for (const client of clients) {
    process.stdout.write(
      `${client.id} ${client.name} [${client.scopes.join(' ')}] created ${client.createdAt.toISOString()}\n`,
    );
    for (const key of client.keys) {
      const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'live';
      const used = key.lastUsedAt ? `last used ${key.lastUsedAt.toISOString()}` : 'never used';
      process.stdout.write(`  key ${key.id} ${key.keyPrefix}… ${state}, ${used}\n`);
    }
  }
}

async function revoke(orm: Orm): Promise<void> {
  const keyId = values['key-id'];
  if (!keyId) usageError('revoke needs --key-id');
  if (!(await revokeKey(orm.em.fork(), keyId, new Date()))) {
    process.stderr.write(`no live key ${keyId} (see: clients list)\n`);
    process.exit(1);
  }
  process.stdout.write(`key ${keyId} revoked\n`);
}

async function devKey(orm: Orm): Promise<void> {
  const file = values.file;
  if (file) {
    const existing = (await readFile(file, 'utf8').catch(() => '')).trim();
    if (existing && (await findKeyHolder(orm.em.fork(), hashApiKey(existing)))) {
      process.stdout.write(`development client: its API key is in ${file}\n`);
      return;
    }
  } else if (await findClientByName(orm.em.fork(), 'development')) {
    process.stdout.write(
      'a development client exists; its key was printed when it was created (or: clients create)\n',
    );
    return;
  }
  const created = await createClient(orm.em.fork(), 'development', ALL_SCOPES);
  if (file) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${created.key}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
  }
  process.stdout.write(
    `development client ${created.clientId} created${file ? `; its key is in ${file}` : ''}; the key:\n${created.key}\n`,
  );
}

const commands = new Map<string, (orm: Orm) => Promise<void>>([
  ['create', create],
  ['list', list],
  ['revoke', revoke],
  ['dev-key', devKey],
]);
const run = command === undefined ? undefined : commands.get(command);
if (!run) usageError(command ? `unknown command: ${command}` : 'no command');
const config = loadConfig(Joi.object<DatabaseConnectionSettings>(databaseConnectionSettings));
const orm = await createOrm({ connection: pgConnection(config), poolSize: 1 });
try {
  await run(orm);
} catch (error) {
  process.stderr.write(`clients ${command}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await orm.close();
}
