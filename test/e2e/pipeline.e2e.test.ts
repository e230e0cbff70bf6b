import { readFile } from 'node:fs/promises';
import anyTest, { type TestFn } from 'ava';
import { finalState, get, startSystem, submit, type SystemUnderTest } from './system-under-test.ts';

const test = anyTest as TestFn<SystemUnderTest>;

test.before(async (t) => {
  t.context = await startSystem();
});
test.after.always(async (t) => {
  await t.context.stop();
});

test.serial(
  'story: test PAN 1 with sufficient income is PRE_APPROVED with a CIBIL score of 790',
  async (t) => {
    const id = await submit(t.context.api, {
      pan_number: 'ABCDE1234F',
      monthly_income_inr: 100000,
      loan_amount_inr: 200000,
      loan_type: 'PERSONAL',
    });
    t.like(await finalState(t.context.api, id), { status: 'PRE_APPROVED', cibil_score: 790 });
    const status = (await (await get(t.context.api, `/applications/${id}/status`)).json()) as object;
    t.deepEqual(status, { application_id: id, status: 'PRE_APPROVED' });
  },
);

test.serial('story: test PAN 2 is REJECTED with a CIBIL score of 610', async (t) => {
  const id = await submit(t.context.api, {
    pan_number: 'FGHIJ5678K',
    monthly_income_inr: '90000.00',
    loan_amount_inr: '100000.00',
    loan_type: 'HOME',
  });
  t.like(await finalState(t.context.api, id), { status: 'REJECTED', cibil_score: 610 });
});

test.serial(
  'story: a good score with income that does not cover the instalment goes to MANUAL_REVIEW',
  async (t) => {
    // 650 + 40 (income above 75,000) + 10 (HOME) ± 5; 80,000 * 48 = 3,840,000 < 5,000,000.
    const id = await submit(t.context.api, {
      pan_number: 'KLMNO1234P',
      monthly_income_inr: 80000,
      loan_amount_inr: 5000000,
      loan_type: 'HOME',
    });
    const decided = await finalState(t.context.api, id);
    t.is(decided.status, 'MANUAL_REVIEW');
    t.true((decided.cibil_score ?? 0) >= 695 && (decided.cibil_score ?? 0) <= 705);
  },
);

test.serial('a batch of 300 applications all reach a final status', async (t) => {
  const pans = ['ABCDE1234F', 'FGHIJ5678K', 'KLMNO1234P', 'QRSTU5678V'];
  const ids = await Promise.all(
    Array.from({ length: 300 }, (_, i) =>
      submit(t.context.api, {
        pan_number: pans[i % pans.length],
        monthly_income_inr: 20000 + i * 500,
        loan_amount_inr: 100000 + i * 10000,
        loan_type: ['PERSONAL', 'HOME', 'AUTO'][i % 3],
      }),
    ),
  );
  const states = await Promise.all(ids.map((id) => finalState(t.context.api, id, 60_000)));
  t.is(states.length, 300);
  const counts = new Map<string, number>();
  for (const { status } of states) counts.set(status, (counts.get(status) ?? 0) + 1);
  t.log(Object.fromEntries(counts));
  t.is((counts.get('REJECTED') ?? 0) >= 75, true, 'every test PAN 2 application is rejected');
});

test.serial("one application's correlation id is in all three services' logs", async (t) => {
  const correlationId = `e2e-${Date.now()}`;
  const id = await submit(
    t.context.api,
    { pan_number: 'ABCDE1234F', monthly_income_inr: 100000, loan_amount_inr: 200000 },
    { 'X-Correlation-Id': correlationId },
  );
  await finalState(t.context.api, id);
  await new Promise((resolve) => setTimeout(resolve, 300));
  for (const [name, service] of Object.entries(t.context.services)) {
    const lines = (await readFile(service.logFile, 'utf8'))
      .split('\n')
      .filter((line) => line.includes(correlationId));
    t.true(lines.length > 0, `${name} logged ${correlationId}`);
    t.true(
      lines.every((line) => !line.includes('ABCDE1234F')),
      `${name} masks the PAN`,
    );
  }
});
