import test from 'ava';
import { erasePersonalDataDecidedBefore, findApplications } from '@prequal/db';
import { aSubmittedEvent, createMigratedDatabase, insertPendingApplication, stack } from '@prequal/testkit';

const DAY = 86_400_000;

test('the retention erases PAN and name of applications decided before the cut-off only; their decisions stay', async (t) => {
  const database = await createMigratedDatabase((await stack()).databaseUrl);
  t.teardown(() => database.drop());
  const [old, recent, pending] = [aSubmittedEvent(), aSubmittedEvent(), aSubmittedEvent()];
  for (const event of [old, recent, pending]) await insertPendingApplication(database.orm, event);
  const decide = (id: string, daysAgo: number) =>
    database
      .em()
      .execute(
        `update applications set status = 'REJECTED', cibil_score = 610, decided_at = ? where id = ?`,
        [new Date(Date.now() - daysAgo * DAY), id],
      );
  await decide(old.applicationId, 40);
  await decide(recent.applicationId, 1);

  const erased = await erasePersonalDataDecidedBefore(database.em(), new Date(Date.now() - 30 * DAY), {
    batchSize: 1,
  });

  t.is(erased, 1);
  const rows = new Map(
    (
      await findApplications(database.em(), [old.applicationId, recent.applicationId, pending.applicationId])
    ).map((row) => [row.id, row]),
  );
  t.like(rows.get(old.applicationId), {
    panSealed: null,
    panMasked: null,
    applicantNameSealed: null,
    status: 'REJECTED',
    cibilScore: 610,
  });
  t.truthy(rows.get(old.applicationId)?.piiErasedAt);
  t.truthy(rows.get(recent.applicationId)?.panSealed, 'decided a day ago: kept');
  t.truthy(rows.get(pending.applicationId)?.panSealed, 'not decided: kept');
  t.is(
    await erasePersonalDataDecidedBefore(database.em(), new Date(Date.now() - 30 * DAY)),
    0,
    'nothing twice',
  );
});
