import { Migration } from '@mikro-orm/migrations';

/**
 * API clients and their keys (stored as SHA-256 only), and applications owned by the client that
 * submitted them: an idempotency key is unique per client, not across clients.
 */
export class ApiClients extends Migration {
  override name = '20261201010000_api_clients';

  override up(): void {
    this.addSql(`create table "api_clients" (
      "id" uuid not null,
      "name" varchar(255) not null,
      "scopes" varchar(255) not null,
      "created_at" timestamptz not null default now(),
      primary key ("id"));`);
    this.addSql(`create table "api_keys" (
      "id" uuid not null,
      "client_id" uuid not null,
      "key_hash" varchar(64) not null,
      "key_prefix" varchar(16) not null,
      "created_at" timestamptz not null default now(),
      "last_used_at" timestamptz null,
      "revoked_at" timestamptz null,
      primary key ("id"));`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_key_hash_unique" unique ("key_hash");`);
    this.addSql(
      `alter table "api_keys" add constraint "api_keys_client_id_foreign" foreign key ("client_id") references "api_clients" ("id") on delete cascade;`,
    );
    this.addSql(`alter table "applications" add "client_id" varchar(255) null;`);
    this.addSql(`alter table "applications" drop constraint "applications_idempotency_key_unique";`);
    this.addSql(
      `alter table "applications" add constraint "applications_client_idempotency_key_unique" unique ("client_id", "idempotency_key");`,
    );
  }

  override down(): void {
    this.addSql(`alter table "applications" drop constraint "applications_client_idempotency_key_unique";`);
    this.addSql(
      `alter table "applications" add constraint "applications_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(`alter table "applications" drop column "client_id";`);
    this.addSql('drop table if exists "api_keys";');
    this.addSql('drop table if exists "api_clients";');
  }
}
