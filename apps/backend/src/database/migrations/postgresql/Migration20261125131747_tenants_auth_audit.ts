import { Migration } from '@mikro-orm/migrations';

export class Migration20261125131747_tenants_auth_audit extends Migration {
  override up(): void {
    this.addSql(`create table "audit_entry" ("id" serial primary key, "tenant_id" varchar(64) not null, "actor_type" varchar(16) not null, "actor_id" varchar(200) not null, "actor_name" varchar(200) null, "action" varchar(100) not null, "target_type" varchar(100) null, "target_id" varchar(200) null, "before" jsonb null, "after" jsonb null, "outcome" varchar(16) not null default 'success', "details" jsonb null, "request_id" varchar(128) null, "occurred_at" timestamptz not null);`);
    this.addSql(`create index "audit_entry_action_index" on "audit_entry" ("action");`);
    this.addSql(`create index "audit_entry_tenant_id_occurred_at_index" on "audit_entry" ("tenant_id", "occurred_at");`);
    this.addSql(`create table "platform_request" ("message_id" varchar(200) not null, "received_at" timestamptz not null, constraint "platform_request_pkey" primary key ("message_id"));`);
    this.addSql(`create index "platform_request_received_at_index" on "platform_request" ("received_at");`);
    this.addSql(`create table "tenant" ("id" varchar(64) not null, "name" varchar(200) null, "host_api_base_url" text not null, "entitlements" jsonb not null, "capabilities" jsonb not null, "time_zone" varchar(64) not null default 'Europe/Prague', "locale" varchar(2) not null default 'cs', "installed_at" timestamptz not null, "updated_at" timestamptz not null, constraint "tenant_pkey" primary key ("id"));`);
    this.addSql(`create table "panel_session" ("id" uuid not null, "tenant_id" varchar(64) not null, "token_hash" varchar(64) not null, "user_id" varchar(200) not null, "user_name" varchar(200) null, "roles" jsonb not null, "locale" varchar(2) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, constraint "panel_session_pkey" primary key ("id"));`);
    this.addSql(`alter table "panel_session" add constraint "panel_session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "panel_session_expires_at_index" on "panel_session" ("expires_at");`);
    this.addSql(`create table "tenant_secret" ("id" serial primary key, "tenant_id" varchar(64) not null, "name" varchar(32) not null, "ciphertext" text not null, "key_id" varchar(64) not null, "updated_at" timestamptz not null);`);
    this.addSql(`alter table "tenant_secret" add constraint "tenant_secret_tenant_id_name_unique" unique ("tenant_id", "name");`);
    this.addSql(`alter table "panel_session" add constraint "panel_session_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "tenant_secret" add constraint "tenant_secret_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
  }

  override down(): void {
    this.addSql(`alter table "panel_session" drop constraint "panel_session_tenant_id_foreign";`);
    this.addSql(`alter table "tenant_secret" drop constraint "tenant_secret_tenant_id_foreign";`);
    this.addSql(`drop table if exists "audit_entry" cascade;`);
    this.addSql(`drop table if exists "platform_request" cascade;`);
    this.addSql(`drop table if exists "tenant" cascade;`);
    this.addSql(`drop table if exists "panel_session" cascade;`);
    this.addSql(`drop table if exists "tenant_secret" cascade;`);
  }
}
