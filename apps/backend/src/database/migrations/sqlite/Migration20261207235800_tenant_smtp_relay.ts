import { Migration } from '@mikro-orm/migrations';

export class Migration20261207235800_tenant_smtp_relay extends Migration {
  override up(): void {
    this.addSql(
      `create table \`tenant_smtp_relay\` (\`tenant_id\` text not null, \`host\` text not null, \`port\` integer not null, \`secure\` integer not null, \`require_tls\` integer not null, \`from_address\` text not null, \`updated_at\` datetime not null, constraint \`tenant_smtp_relay_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade, primary key (\`tenant_id\`));`,
    );
    this.addSql(
      `create index \`tenant_smtp_relay_tenant_id_index\` on \`tenant_smtp_relay\` (\`tenant_id\`);`,
    );
  }
}
