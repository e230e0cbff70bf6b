import { Migration } from '@mikro-orm/migrations';

/**
 * Drops the plaintext PAN and name columns. It refuses while a row still holds plaintext: run
 * `make pii-convert` (which seals them with the keyring), then `make db-migrate` again.
 */
export class DropPlaintextPersonalData extends Migration {
  override name = '20261201030000_drop_plaintext_personal_data';

  override up(): void {
    this.addSql(`do $$ begin
      if exists (select 1 from "applications" where "pan_number" is not null or "applicant_name" is not null) then
        raise exception 'applications hold a PAN or a name in clear: run make pii-convert (it seals them with the keyring), then make db-migrate again';
      end if;
    end $$;`);
    this.addSql(`alter table "applications" drop column "pan_number", drop column "applicant_name";`);
  }

  override down(): void {
    this.addSql(
      `alter table "applications" add "pan_number" varchar(10) null, add "applicant_name" varchar(255) null;`,
    );
  }
}
