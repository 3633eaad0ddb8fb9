import { Migration } from '@mikro-orm/migrations';

export class Migration20261125153414_chat_lifecycle extends Migration {
  override up(): void {
    this.addSql(`create table "session_recording" ("id" serial primary key, "tenant_id" varchar(64) not null, "session_id" varchar(32) not null, "recording_id" varchar(32) not null, "name" varchar(500) null, "started_at" timestamptz null, "duration_seconds" int null, "type" varchar(32) null, "user_id" varchar(32) null, "download_url" text null, "is_deleted" boolean not null default false, "processing_state" varchar(32) null, "updated_at" timestamptz not null);`);
    this.addSql(`create index "session_recording_tenant_id_session_id_index" on "session_recording" ("tenant_id", "session_id");`);
    this.addSql(`alter table "session_recording" add constraint "session_recording_tenant_id_session_id_recording_id_unique" unique ("tenant_id", "session_id", "recording_id");`);
    this.addSql(`create table "guest_connectivity" ("id" serial primary key, "tenant_id" varchar(64) not null, "session_id" varchar(32) not null, "connected" boolean not null default true, "last_event_at" timestamptz not null, "grace_ends_at" timestamptz null);`);
    this.addSql(`alter table "guest_connectivity" add constraint "guest_connectivity_tenant_id_session_id_unique" unique ("tenant_id", "session_id");`);
    this.addSql(`create table "client_history_entry" ("id" serial primary key, "tenant_id" varchar(64) not null, "session_id" varchar(32) not null, "device_key" varchar(64) not null, "package_id" varchar(64) null, "channel" varchar(32) not null, "started_at" timestamptz not null, "ended_at" timestamptz null, "messages" jsonb not null, "indexed_at" timestamptz not null);`);
    this.addSql(`create index "client_history_entry_tenant_id_device_key_started_at_index" on "client_history_entry" ("tenant_id", "device_key", "started_at");`);
    this.addSql(`alter table "client_history_entry" add constraint "client_history_entry_tenant_id_session_id_unique" unique ("tenant_id", "session_id");`);
    this.addSql(`create table "transcript_request" ("id" varchar(36) not null, "tenant_id" varchar(64) not null, "session_id" varchar(32) not null, "request_key" varchar(100) not null, "recipient" varchar(320) not null, "requested_by" varchar(16) not null, "state" varchar(16) not null default 'waiting', "message_id" varchar(400) not null, "reply_to" varchar(320) null, "attempts" int not null default 0, "last_error" text null, "created_at" timestamptz not null, "sent_at" timestamptz null, constraint "transcript_request_pkey" primary key ("id"));`);
    this.addSql(`create index "transcript_request_tenant_id_session_id_index" on "transcript_request" ("tenant_id", "session_id");`);
    this.addSql(`alter table "transcript_request" add constraint "transcript_request_tenant_id_request_key_unique" unique ("tenant_id", "request_key");`);
    this.addSql(`alter table "session_recording" add constraint "session_recording_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "guest_connectivity" add constraint "guest_connectivity_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "client_history_entry" add constraint "client_history_entry_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "transcript_request" add constraint "transcript_request_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
  }

  override down(): void {
    this.addSql(`drop table if exists "session_recording" cascade;`);
    this.addSql(`drop table if exists "guest_connectivity" cascade;`);
    this.addSql(`drop table if exists "client_history_entry" cascade;`);
    this.addSql(`drop table if exists "transcript_request" cascade;`);
  }
}
