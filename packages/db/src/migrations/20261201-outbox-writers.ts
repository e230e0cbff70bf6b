import { Migration } from '@mikro-orm/migrations';

/**
 * Each outbox row remembers the database role that wrote it, and row-level security lets a role
 * read, claim, publish and prune only its own rows: one service cannot enqueue an event that
 * another service's relay publishes under that service's Kafka identity (decision 0014). Rows
 * written before this migration have no writer and stay visible to every relay, so none is
 * stranded by the upgrade. The table's owner (migrations, the admin tools) is not subject to the
 * policies.
 */
export class OutboxWriters extends Migration {
  override name = '20261201040000_outbox_writers';

  override up(): void {
    // Added without a default first, so the rows already there keep a null writer.
    this.addSql('alter table "outbox" add "written_by" text null;');
    this.addSql('alter table "outbox" alter column "written_by" set default current_user;');
    this.addSql('alter table "outbox" enable row level security;');
    this.addSql(`create policy "outbox_own_rows" on "outbox" for all
      using ("written_by" is null or "written_by" = current_user)
      with check ("written_by" is null or "written_by" = current_user);`);
    this.addSql(`create policy "outbox_insert_own_rows" on "outbox" as restrictive for insert
      with check ("written_by" = current_user);`);
  }

  override down(): void {
    this.addSql('drop policy if exists "outbox_own_rows" on "outbox";');
    this.addSql('drop policy if exists "outbox_insert_own_rows" on "outbox";');
    this.addSql('alter table "outbox" disable row level security;');
    this.addSql('alter table "outbox" drop column "written_by";');
  }
}
