// The baseline of the API benchmark: the least a Koa + pg endpoint can do for POST /applications.
// It parses the JSON body, checks the required fields are there, and inserts the applications row
// and its outbox row (the same columns prequal-api writes) in one transaction. No validation
// library, no ORM, no middleware. Run as its own process, like prequal-api. The spec forbids
// storing a PAN in clear, so it seals the personal data as prequal-api does (AES-256-GCM of the
// PAN and the name for the row and for the event, the PAN's blind index), with keys of its own.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import pg from 'pg';
import type { EventOf } from '@prequal/events';
import { EventCipher, Keyring, newKeyring, sealApplicant } from '@prequal/pii';
import { canonicalInr } from '../load/application-bodies.ts';

const INSERT_APPLICATION = `insert into applications
  (id, pan_sealed, pan_blind_index, pan_masked, applicant_name_sealed, monthly_income_inr,
   loan_amount_inr, loan_type, status, correlation_id, idempotency_key, request_fingerprint,
   created_at, updated_at)
  values ($1, $2, $3, $4, $5, $6, $7, $8, 'PENDING', $9, null, null, $10, $10)`;

const INSERT_OUTBOX = `insert into outbox
  (topic, message_key, event_id, event_type, correlation_id, payload, created_at, attempts)
  values ('loan_applications_submitted', $1, $2, 'in.prequal.loan.LoanApplicationSubmitted', $3, $4, $5, 0)`;

interface Body {
  pan_number?: unknown;
  applicant_name?: unknown;
  monthly_income_inr?: unknown;
  loan_amount_inr?: unknown;
  loan_type?: unknown;
}

const isAmount = (value: unknown): value is number | string =>
  typeof value === 'number' || typeof value === 'string';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});

const keyring = await Keyring.open(await newKeyring());
const blindIndexKey = randomBytes(32);
const cipher = new EventCipher(keyring);

const app = new Koa();
app.use(bodyParser({ enableTypes: ['json'] }));
app.use(async (ctx) => {
  if (ctx.method === 'GET' && ctx.path === '/health') {
    ctx.body = { status: 'ok' };
    return;
  }
  if (ctx.method !== 'POST' || ctx.path !== '/applications') {
    ctx.status = 404;
    return;
  }
  const body = ctx.request.body as Body;
  const { pan_number: pan, monthly_income_inr: income, loan_amount_inr: amount } = body;
  if (typeof pan !== 'string' || !isAmount(income) || !isAmount(amount)) {
    ctx.status = 422;
    ctx.body = { detail: 'pan_number, monthly_income_inr and loan_amount_inr are required' };
    return;
  }
  const now = new Date();
  const applicationId = randomUUID();
  const eventId = randomUUID();
  const correlationId = randomUUID();
  const applicantName = typeof body.applicant_name === 'string' ? body.applicant_name : null;
  const loanType = typeof body.loan_type === 'string' ? body.loan_type : null;
  const [monthlyIncomeInr, loanAmountInr] = [canonicalInr(income), canonicalInr(amount)];
  const event = {
    eventId,
    occurredAt: now,
    correlationId,
    applicationId,
    panNumber: pan,
    applicantName,
    monthlyIncomeInr,
    loanAmountInr,
    loanType,
    clientId: 'bench-baseline',
  };
  const sealed = sealApplicant({ panNumber: pan, applicantName }, keyring, blindIndexKey);
  const payload = cipher.seal(
    'loan_applications_submitted',
    event as unknown as EventOf<'loan_applications_submitted'>,
  );
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(INSERT_APPLICATION, [
      applicationId,
      sealed.panSealed,
      sealed.panBlindIndex,
      sealed.panMasked,
      sealed.applicantNameSealed,
      monthlyIncomeInr,
      loanAmountInr,
      loanType,
      correlationId,
      now,
    ]);
    await client.query(INSERT_OUTBOX, [applicationId, eventId, correlationId, payload, now]);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
  ctx.status = 202;
  ctx.body = { application_id: applicationId, status: 'PENDING' };
});

const handle = app.callback();
const server = createServer((request, response) => {
  void handle(request, response);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => {
  server.close(() => void pool.end());
  server.closeIdleConnections();
});
