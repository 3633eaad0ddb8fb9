import { Migration } from '@mikro-orm/migrations';

export class Migration20261125165451_anonymization_erasure_time extends Migration {
  override up(): void {
    this.addSql(`alter table \`anonymization_run\` add column \`erasure_ms\` integer not null default 0;`);
  }
}
