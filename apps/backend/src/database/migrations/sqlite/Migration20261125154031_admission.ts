import { Migration } from '@mikro-orm/migrations';

export class Migration20261125154031_admission extends Migration {
  override up(): void {
    this.addSql(`create table \`routing_step\` (\`id\` integer not null primary key autoincrement, \`tenant_id\` text not null, \`session_id\` text not null, \`step_key\` text not null, \`source\` text not null, \`at\` datetime not null, \`action\` text not null, \`target_kind\` text not null, \`target_id\` text not null, \`target_name\` text null, constraint \`routing_step_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`routing_step_tenant_id_index\` on \`routing_step\` (\`tenant_id\`);`);
    this.addSql(`create unique index \`routing_step_tenant_id_session_id_step_key_unique\` on \`routing_step\` (\`tenant_id\`, \`session_id\`, \`step_key\`);`);
    this.addSql(`create table \`offline_callback\` (\`id\` integer not null primary key autoincrement, \`tenant_id\` text not null, \`session_id\` text not null, \`package_id\` text null, \`name\` text null, \`phone\` text null, \`email\` text null, \`left_at\` datetime not null, \`cause\` text not null, \`created_at\` datetime not null, \`taken_by_id\` text null, \`taken_at\` datetime null, constraint \`offline_callback_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`offline_callback_tenant_id_index\` on \`offline_callback\` (\`tenant_id\`);`);
    this.addSql(`create unique index \`offline_callback_tenant_id_session_id_unique\` on \`offline_callback\` (\`tenant_id\`, \`session_id\`);`);
    this.addSql(`create table \`client_preview\` (\`id\` integer not null primary key autoincrement, \`tenant_id\` text not null, \`session_id\` text not null, \`device_type\` text not null, \`os\` text null, \`browser\` text null, \`country\` text not null, \`language\` text null, \`derived_at\` datetime not null, constraint \`client_preview_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`client_preview_tenant_id_index\` on \`client_preview\` (\`tenant_id\`);`);
    this.addSql(`create unique index \`client_preview_tenant_id_session_id_unique\` on \`client_preview\` (\`tenant_id\`, \`session_id\`);`);
    this.addSql(`create table \`callback_number_block\` (\`id\` integer not null primary key autoincrement, \`tenant_id\` text not null, \`number\` text not null, \`accepted_at\` datetime not null, \`session_id\` text null, constraint \`callback_number_block_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`callback_number_block_tenant_id_index\` on \`callback_number_block\` (\`tenant_id\`);`);
    this.addSql(`create index \`callback_number_block_tenant_id_session_id_index\` on \`callback_number_block\` (\`tenant_id\`, \`session_id\`);`);
    this.addSql(`create unique index \`callback_number_block_tenant_id_number_unique\` on \`callback_number_block\` (\`tenant_id\`, \`number\`);`);
    this.addSql(`create table \`ban\` (\`id\` integer not null primary key autoincrement, \`tenant_id\` text not null, \`kind\` text not null, \`value\` text not null, \`identity_key\` text not null, \`reason\` text not null, \`duration\` text not null, \`expires_at\` datetime null, \`session_id\` text null, \`created_at\` datetime not null, \`created_by_id\` text not null, \`created_by_name\` text null, \`created_by_role\` text not null, \`revoked_at\` datetime null, \`revoked_by_id\` text null, \`revoked_by_name\` text null, \`revoke_note\` text null, constraint \`ban_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`ban_tenant_id_index\` on \`ban\` (\`tenant_id\`);`);
    this.addSql(`create index \`ban_tenant_id_created_at_index\` on \`ban\` (\`tenant_id\`, \`created_at\`);`);
    this.addSql(`create index \`ban_tenant_id_identity_key_index\` on \`ban\` (\`tenant_id\`, \`identity_key\`);`);
  }
}
