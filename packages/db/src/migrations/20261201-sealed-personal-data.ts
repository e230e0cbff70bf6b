import { Migration } from '@mikro-orm/migrations';

/**
 * Personal data at rest is sealed: the PAN (sealed, a keyed blind index, the masked form) and the
 * name (sealed), each with the keyring; the plaintext columns stay, nullable, until `make
 * pii-convert` has sealed the rows written before (the next migration drops them).
 */
export class SealedPersonalData extends Migration {
  override name = '20261201020000_sealed_personal_data';

  override up(): void {
    this.addSql(`alter table "applications"
      add "pan_sealed" text null,
      add "pan_blind_index" varchar(64) null,
      add "pan_masked" varchar(10) null,
      add "applicant_name_sealed" text null,
      add "pii_erased_at" timestamptz null;`);
    this.addSql(`create index "applications_pan_blind_index_idx" on "applications" ("pan_blind_index");`);
    this.addSql(`alter table "applications" alter column "pan_number" drop not null;`);
  }

  override down(): void {
    this.addSql(`alter table "applications" alter column "pan_number" set not null;`);
    this.addSql('drop index if exists "applications_pan_blind_index_idx";');
    this.addSql(`alter table "applications"
      drop column "pan_sealed", drop column "pan_blind_index", drop column "pan_masked",
      drop column "applicant_name_sealed", drop column "pii_erased_at";`);
  }
}
