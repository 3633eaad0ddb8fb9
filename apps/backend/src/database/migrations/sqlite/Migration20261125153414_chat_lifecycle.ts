import { Migration } from '@mikro-orm/migrations';

export class Migration20261125153414_chat_lifecycle extends Migration {
  override up(): void {
    this.addSql(`create table \`session_recording\` (\`id\` integer not null primary key autoincrement, \`tenant_id\` text not null, \`session_id\` text not null, \`recording_id\` text not null, \`name\` text null, \`started_at\` datetime null, \`duration_seconds\` integer null, \`type\` text null, \`user_id\` text null, \`download_url\` text null, \`is_deleted\` integer not null default false, \`processing_state\` text null, \`updated_at\` datetime not null, constraint \`session_recording_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`session_recording_tenant_id_index\` on \`session_recording\` (\`tenant_id\`);`);
    this.addSql(`create index \`session_recording_tenant_id_session_id_index\` on \`session_recording\` (\`tenant_id\`, \`session_id\`);`);
    this.addSql(`create unique index \`session_recording_tenant_id_session_id_recording_id_unique\` on \`session_recording\` (\`tenant_id\`, \`session_id\`, \`recording_id\`);`);
    this.addSql(`create table \`guest_connectivity\` (\`id\` integer not null primary key autoincrement, \`tenant_id\` text not null, \`session_id\` text not null, \`connected\` integer not null default true, \`last_event_at\` datetime not null, \`grace_ends_at\` datetime null, constraint \`guest_connectivity_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`guest_connectivity_tenant_id_index\` on \`guest_connectivity\` (\`tenant_id\`);`);
    this.addSql(`create unique index \`guest_connectivity_tenant_id_session_id_unique\` on \`guest_connectivity\` (\`tenant_id\`, \`session_id\`);`);
    this.addSql(`create table \`client_history_entry\` (\`id\` integer not null primary key autoincrement, \`tenant_id\` text not null, \`session_id\` text not null, \`device_key\` text not null, \`package_id\` text null, \`channel\` text not null, \`started_at\` datetime not null, \`ended_at\` datetime null, \`messages\` json not null, \`indexed_at\` datetime not null, constraint \`client_history_entry_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`client_history_entry_tenant_id_index\` on \`client_history_entry\` (\`tenant_id\`);`);
    this.addSql(`create index \`client_history_entry_tenant_id_device_key_started_at_index\` on \`client_history_entry\` (\`tenant_id\`, \`device_key\`, \`started_at\`);`);
    this.addSql(`create unique index \`client_history_entry_tenant_id_session_id_unique\` on \`client_history_entry\` (\`tenant_id\`, \`session_id\`);`);
    this.addSql(`create table \`transcript_request\` (\`id\` text not null, \`tenant_id\` text not null, \`session_id\` text not null, \`request_key\` text not null, \`recipient\` text not null, \`requested_by\` text not null, \`state\` text not null default 'waiting', \`message_id\` text not null, \`reply_to\` text null, \`attempts\` integer not null default 0, \`last_error\` text null, \`created_at\` datetime not null, \`sent_at\` datetime null, constraint \`transcript_request_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`transcript_request_tenant_id_index\` on \`transcript_request\` (\`tenant_id\`);`);
    this.addSql(`create index \`transcript_request_tenant_id_session_id_index\` on \`transcript_request\` (\`tenant_id\`, \`session_id\`);`);
    this.addSql(`create unique index \`transcript_request_tenant_id_request_key_unique\` on \`transcript_request\` (\`tenant_id\`, \`request_key\`);`);
  }
}
