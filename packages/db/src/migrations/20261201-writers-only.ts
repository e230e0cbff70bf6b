import { Migration } from '@mikro-orm/migrations';

/**
 * A review of OutboxWriters found three ways left to one service's role: an application inserted
 * already decided (the status is now a default, PENDING, and prequal-api may insert only the
 * columns a submission writes: privileges.ts); an outbox row taking the event id another writer is
 * bound to use (event ids are now unique per writer); and rows without a writer, which every role
 * could suppress or delete (the policy now admits its own rows only; make db-migrate gives the
 * rows from before OutboxWriters to the role of the service that writes their event type).
 */
export class WritersOnly extends Migration {
  override name = '20261201050000_writers_only';

  override up(): void {
    this.addSql(`alter table "applications" alter column "status" set default 'PENDING';`);
    this.addSql('alter table "outbox" drop constraint "outbox_event_id_unique";');
    this.addSql(
      'alter table "outbox" add constraint "outbox_writer_event_id_unique" unique ("written_by", "event_id");',
    );
    this.addSql('drop policy "outbox_insert_own_rows" on "outbox";');
    this.addSql('drop policy "outbox_own_rows" on "outbox";');
    this.addSql(`create policy "outbox_own_rows" on "outbox" for all
      using ("written_by" = current_user) with check ("written_by" = current_user);`);
  }

  override down(): void {
    this.addSql('drop policy "outbox_own_rows" on "outbox";');
    this.addSql(`create policy "outbox_own_rows" on "outbox" for all
      using ("written_by" is null or "written_by" = current_user)
      with check ("written_by" is null or "written_by" = current_user);`);
    this.addSql(`create policy "outbox_insert_own_rows" on "outbox" as restrictive for insert
      with check ("written_by" = current_user);`);
    this.addSql('alter table "outbox" drop constraint "outbox_writer_event_id_unique";');
    this.addSql('alter table "outbox" add constraint "outbox_event_id_unique" unique ("event_id");');
    this.addSql('alter table "applications" alter column "status" drop default;');
  }
}
