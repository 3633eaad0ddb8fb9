import { Migration } from '@mikro-orm/migrations';

export class Migration20261125153550_partners extends Migration {
  override up(): void {
    this.addSql(`create table \`partner\` (\`id\` text not null, \`name\` text not null, \`theme\` json not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create table \`tenant_partner\` (\`tenant_id\` text not null, \`partner_id\` text not null, \`assigned_at\` datetime not null, constraint \`tenant_partner_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade, constraint \`tenant_partner_partner_id_foreign\` foreign key(\`partner_id\`) references \`partner\`(\`id\`) on update cascade, primary key (\`tenant_id\`));`);
    this.addSql(`create index \`tenant_partner_tenant_id_index\` on \`tenant_partner\` (\`tenant_id\`);`);
    this.addSql(`create index \`tenant_partner_partner_id_index\` on \`tenant_partner\` (\`partner_id\`);`);
  }
}
