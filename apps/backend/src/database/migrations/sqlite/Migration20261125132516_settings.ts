import { Migration } from '@mikro-orm/migrations';

export class Migration20261125132516_settings extends Migration {
  override up(): void {
    this.addSql(`create table \`settings_revision\` (\`id\` integer not null primary key autoincrement, \`tenant_id\` text not null, \`number\` integer not null, \`kind\` text not null, \`document\` json not null, \`changes\` json not null, \`actor_id\` text not null, \`actor_name\` text null, \`rolled_back_to\` integer null, \`created_at\` datetime not null, constraint \`settings_revision_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`settings_revision_tenant_id_index\` on \`settings_revision\` (\`tenant_id\`);`);
    this.addSql(`create unique index \`settings_revision_tenant_id_number_unique\` on \`settings_revision\` (\`tenant_id\`, \`number\`);`);
    this.addSql(`create table \`tenant_settings\` (\`tenant_id\` text not null, \`document\` json not null, \`version\` integer not null, \`updated_at\` datetime not null, \`updated_by\` text null, constraint \`tenant_settings_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade, primary key (\`tenant_id\`));`);
    this.addSql(`create index \`tenant_settings_tenant_id_index\` on \`tenant_settings\` (\`tenant_id\`);`);
  }
}
