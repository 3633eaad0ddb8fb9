import { Migration } from '@mikro-orm/migrations';

export class Migration20261125153834_availability extends Migration {
  override up(): void {
    this.addSql(`create table \`package_status_sync\` (\`tenant_id\` text not null, \`mode\` text not null default 'extension', \`synced_at\` datetime null, \`last_error\` text null, \`last_error_at\` datetime null, constraint \`package_status_sync_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade, primary key (\`tenant_id\`));`);
    this.addSql(`create index \`package_status_sync_tenant_id_index\` on \`package_status_sync\` (\`tenant_id\`);`);
    this.addSql(`create table \`package_status_change\` (\`id\` integer not null primary key autoincrement, \`tenant_id\` text not null, \`package_id\` integer not null, \`from_status\` text null, \`to_status\` text not null, \`reason\` text not null, \`note\` text null, \`trigger\` text not null, \`operator_user_id\` integer null, \`occurred_at\` datetime not null, constraint \`package_status_change_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`package_status_change_tenant_id_index\` on \`package_status_change\` (\`tenant_id\`);`);
    this.addSql(`create index \`package_status_change_tenant_id_package_id_occurred_at_index\` on \`package_status_change\` (\`tenant_id\`, \`package_id\`, \`occurred_at\`);`);
    this.addSql(`create index \`package_status_change_tenant_id_occurred_at_index\` on \`package_status_change\` (\`tenant_id\`, \`occurred_at\`);`);
    this.addSql(`create table \`package_state\` (\`id\` integer not null primary key autoincrement, \`tenant_id\` text not null, \`package_id\` integer not null, \`name\` text null, \`routed_count\` integer not null default 0, \`available_count\` integer not null default 0, \`away_count\` integer not null default 0, \`status\` text not null default 'offline', \`reason\` text not null default 'no_operators_online', \`note\` text null, \`changed_at\` datetime not null, \`pushed\` text null, \`pushed_at\` datetime null, \`push_error\` text null, constraint \`package_state_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`package_state_tenant_id_index\` on \`package_state\` (\`tenant_id\`);`);
    this.addSql(`create unique index \`package_state_tenant_id_package_id_unique\` on \`package_state\` (\`tenant_id\`, \`package_id\`);`);
    this.addSql(`create table \`package_route\` (\`id\` integer not null primary key autoincrement, \`tenant_id\` text not null, \`package_id\` integer not null, \`user_id\` integer not null, constraint \`package_route_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`package_route_tenant_id_index\` on \`package_route\` (\`tenant_id\`);`);
    this.addSql(`create index \`package_route_tenant_id_user_id_index\` on \`package_route\` (\`tenant_id\`, \`user_id\`);`);
    this.addSql(`create unique index \`package_route_tenant_id_package_id_user_id_unique\` on \`package_route\` (\`tenant_id\`, \`package_id\`, \`user_id\`);`);
    this.addSql(`create table \`operator_presence\` (\`id\` integer not null primary key autoincrement, \`tenant_id\` text not null, \`user_id\` integer not null, \`presence\` text not null default 'offline', \`absence_reason_id\` integer null, \`absence_reason_name\` text null, \`host_changed_at\` datetime null, \`updated_at\` datetime not null, constraint \`operator_presence_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`operator_presence_tenant_id_index\` on \`operator_presence\` (\`tenant_id\`);`);
    this.addSql(`create unique index \`operator_presence_tenant_id_user_id_unique\` on \`operator_presence\` (\`tenant_id\`, \`user_id\`);`);
    this.addSql(`create table \`email_queue_thread\` (\`id\` integer not null primary key autoincrement, \`tenant_id\` text not null, \`thread_id\` bigint not null, \`state\` text not null default 'queued', \`received_at\` datetime not null, \`claimed_by\` integer null, \`claimed_at\` datetime null, \`claimed_until\` datetime null, \`claims\` integer not null default 0, \`assigned_to\` integer null, \`state_changed_at\` datetime not null, constraint \`email_queue_thread_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`email_queue_thread_tenant_id_index\` on \`email_queue_thread\` (\`tenant_id\`);`);
    this.addSql(`create index \`email_queue_thread_tenant_id_state_claimed_until_index\` on \`email_queue_thread\` (\`tenant_id\`, \`state\`, \`claimed_until\`);`);
    this.addSql(`create index \`email_queue_thread_tenant_id_state_received_at_thread_id_index\` on \`email_queue_thread\` (\`tenant_id\`, \`state\`, \`received_at\`, \`thread_id\`);`);
    this.addSql(`create unique index \`email_queue_thread_tenant_id_thread_id_unique\` on \`email_queue_thread\` (\`tenant_id\`, \`thread_id\`);`);
  }
}
