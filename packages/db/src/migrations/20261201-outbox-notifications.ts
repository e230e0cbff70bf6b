import { Migration } from '@mikro-orm/migrations';
import { OUTBOX_NOTIFY_DDL } from '../outbox.entity.ts';

/**
 * Every insert into the outbox notifies the channel `outbox_rows` with the topics it wrote, once
 * per statement and topic. NOTIFY is transactional: relays hear of a row only once it is
 * committed, and of a rolled-back row never. They listen instead of polling (decision 0010).
 */
export class OutboxNotifications extends Migration {
  override name = '20261201000000_outbox_notifications';

  override up(): void {
    this.addSql(OUTBOX_NOTIFY_DDL);
  }

  override down(): void {
    this.addSql('drop trigger if exists "outbox_rows_notify" on "outbox";');
    this.addSql('drop function if exists "outbox_outbox_rows_notify_fn"();');
  }
}
