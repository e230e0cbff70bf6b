import { Migration } from '@mikro-orm/migrations';

/** Indexes for the retention job, which deletes old published outbox rows and processed-event records. */
export class RetentionIndexes extends Migration {
  override name = '20261125120000_retention_indexes';

  override up(): void {
    this.addSql(
      `create index "outbox_published_at_idx" on "outbox" ("published_at") where "published_at" is not null;`,
    );
    this.addSql(
      `create index "processed_events_group_processed_at_idx" on "processed_events" ("consumer_group", "processed_at");`,
    );
  }

  override down(): void {
    this.addSql('drop index if exists "processed_events_group_processed_at_idx";');
    this.addSql('drop index if exists "outbox_published_at_idx";');
  }
}
