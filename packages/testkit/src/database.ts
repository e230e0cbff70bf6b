import pg from 'pg';
import { pgConnectionOf } from '@prequal/db';
import { uniqueName } from './names.ts';

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const { url, ssl } = pgConnectionOf(withDatabase(serverUrl, 'postgres'));
  const client = new pg.Client({ connectionString: url, ssl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A database of its own for one test, on the server of `serverUrl`, so that tests never see
 * each other's rows. `template` copies a prepared (e.g. migrated) database.
 */
export async function createTestDatabase(serverUrl: string, template?: string): Promise<TestDatabase> {
  const name = uniqueName('test');
  await admin(serverUrl, (client) =>
    client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`),
  );
  return {
    url: withDatabase(serverUrl, name),
    drop: async () => {
      await admin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
