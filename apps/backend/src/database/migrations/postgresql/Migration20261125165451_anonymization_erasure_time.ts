import { Migration } from '@mikro-orm/migrations';

export class Migration20261125165451_anonymization_erasure_time extends Migration {
  override up(): void {
    this.addSql(`alter table "anonymization_run" add column "erasure_ms" int not null default 0;`);
  }

  override down(): void {
    this.addSql(`alter table "anonymization_run" drop column "erasure_ms";`);
  }
}
