import { Migration } from '@mikro-orm/migrations';

export class Migration20261125131747_tenants_auth_audit extends Migration {
  override up(): void {
    this.addSql(`create table \`audit_entry\` (\`id\` integer not null primary key autoincrement, \`tenant_id\` text not null, \`actor_type\` text not null, \`actor_id\` text not null, \`actor_name\` text null, \`action\` text not null, \`target_type\` text null, \`target_id\` text null, \`before\` json null, \`after\` json null, \`outcome\` text not null default 'success', \`details\` json null, \`request_id\` text null, \`occurred_at\` datetime not null);`);
    this.addSql(`create index \`audit_entry_action_index\` on \`audit_entry\` (\`action\`);`);
    this.addSql(`create index \`audit_entry_tenant_id_occurred_at_index\` on \`audit_entry\` (\`tenant_id\`, \`occurred_at\`);`);
    this.addSql(`create table \`platform_request\` (\`message_id\` text not null, \`received_at\` datetime not null, primary key (\`message_id\`));`);
    this.addSql(`create index \`platform_request_received_at_index\` on \`platform_request\` (\`received_at\`);`);
    this.addSql(`create table \`tenant\` (\`id\` text not null, \`name\` text null, \`host_api_base_url\` text not null, \`entitlements\` json not null, \`capabilities\` json not null, \`time_zone\` text not null default 'Europe/Prague', \`locale\` text not null default 'cs', \`installed_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create table \`panel_session\` (\`id\` text not null, \`tenant_id\` text not null, \`token_hash\` text not null, \`user_id\` text not null, \`user_name\` text null, \`roles\` json not null, \`locale\` text not null, \`created_at\` datetime not null, \`expires_at\` datetime not null, constraint \`panel_session_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`panel_session_tenant_id_index\` on \`panel_session\` (\`tenant_id\`);`);
    this.addSql(`create unique index \`panel_session_token_hash_unique\` on \`panel_session\` (\`token_hash\`);`);
    this.addSql(`create index \`panel_session_expires_at_index\` on \`panel_session\` (\`expires_at\`);`);
    this.addSql(`create table \`tenant_secret\` (\`id\` integer not null primary key autoincrement, \`tenant_id\` text not null, \`name\` text not null, \`ciphertext\` text not null, \`key_id\` text not null, \`updated_at\` datetime not null, constraint \`tenant_secret_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`tenant_secret_tenant_id_index\` on \`tenant_secret\` (\`tenant_id\`);`);
    this.addSql(`create unique index \`tenant_secret_tenant_id_name_unique\` on \`tenant_secret\` (\`tenant_id\`, \`name\`);`);
  }
}
