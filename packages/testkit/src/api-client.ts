import { createClient, type Database } from '@prequal/db';

/** Every scope the API knows. */
export const ALL_TEST_SCOPES = ['applications:submit', 'applications:read', 'applications:erase'] as const;

/** An API client of the test's own in its database: its id and key, and the header to send it in. */
export async function createTestClient(
  database: Pick<Database, 'em'>,
  { name = 'test client', scopes = ALL_TEST_SCOPES }: { name?: string; scopes?: readonly string[] } = {},
): Promise<{ id: string; keyId: string; key: string; headers: { authorization: string } }> {
  const created = await createClient(database.em(), name, scopes);
  return {
    id: created.clientId,
    keyId: created.keyId,
    key: created.key,
    headers: { authorization: `Bearer ${created.key}` },
  };
}
