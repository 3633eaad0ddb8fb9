import { Migration } from '@mikro-orm/migrations';

export class Migration20261207000100_inbox_session extends Migration {
  override up(): void {
    this.addSql(`alter table \`inbox\` add column \`session_id\` text null;`);
    this.addSql(
      `create index \`inbox_tenant_id_session_id_index\` on \`inbox\` (\`tenant_id\`, \`session_id\`);`,
    );
  }
}
