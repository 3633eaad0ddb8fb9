import { Migration } from '@mikro-orm/migrations';

export class Migration20261125155344_package_state_when_all_away extends Migration {
  override up(): void {
    this.addSql(`alter table "package_state" add column "when_all_away" varchar(16) not null default 'busy';`);
  }

  override down(): void {
    this.addSql(`alter table "package_state" drop column "when_all_away";`);
  }
}
