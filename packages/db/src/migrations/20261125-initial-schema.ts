import { Migration } from '@mikro-orm/migrations';

/** The applications table, the outbox and the processed-event records. */
export class InitialSchema extends Migration {
  override name = '20261125000000_initial_schema';

  override up(): void {
    this.addSql(`create table "applications" (
      "id" uuid not null,
      "pan_number" varchar(10) not null,
      "applicant_name" varchar(255) null,
      "monthly_income_inr" numeric(12,2) not null,
      "loan_amount_inr" numeric(12,2) not null,
      "loan_type" varchar(20) null,
      "status" varchar(20) not null,
      "cibil_score" int null,
      "decision_reason" varchar(255) null,
      "correlation_id" varchar(64) not null,
      "idempotency_key" varchar(255) null,
      "request_fingerprint" varchar(64) null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "decided_at" timestamptz null,
      primary key ("id"));`);
    this.addSql(`create index "applications_status_idx" on "applications" ("status");`);
    this.addSql(
      `alter table "applications" add constraint "applications_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(
      `alter table "applications" add constraint "applications_cibil_score_check" check (cibil_score between 300 and 900);`,
    );

    this.addSql(`create table "outbox" (
      "id" bigserial primary key,
      "topic" varchar(255) not null,
      "message_key" varchar(255) not null,
      "event_id" uuid not null,
      "event_type" varchar(255) not null,
      "correlation_id" varchar(64) not null,
      "payload" jsonb not null,
      "created_at" timestamptz not null default now(),
      "published_at" timestamptz null,
      "attempts" int not null default 0,
      "last_error" text null);`);
    this.addSql(`alter table "outbox" add constraint "outbox_event_id_unique" unique ("event_id");`);
    this.addSql(`create index "outbox_unpublished_idx" on "outbox" ("id") where "published_at" is null;`);
    this.addSql(
      `create index "outbox_key_unpublished_idx" on "outbox" ("message_key", "id") where "published_at" is null;`,
    );

    this.addSql(`create table "processed_events" (
      "consumer_group" varchar(255) not null,
      "event_id" uuid not null,
      "processed_at" timestamptz not null default now(),
      primary key ("consumer_group", "event_id"));`);
  }

  override down(): void {
    this.addSql('drop table if exists "processed_events";');
    this.addSql('drop table if exists "outbox";');
    this.addSql('drop table if exists "applications";');
  }
}
