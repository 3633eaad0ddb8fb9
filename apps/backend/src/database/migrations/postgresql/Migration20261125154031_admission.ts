import { Migration } from '@mikro-orm/migrations';

export class Migration20261125154031_admission extends Migration {
  override up(): void {
    this.addSql(`create table "routing_step" ("id" serial primary key, "tenant_id" varchar(64) not null, "session_id" varchar(64) not null, "step_key" varchar(200) not null, "source" varchar(16) not null, "at" timestamptz not null, "action" varchar(16) not null, "target_kind" varchar(16) not null, "target_id" varchar(64) not null, "target_name" varchar(200) null);`);
    this.addSql(`alter table "routing_step" add constraint "routing_step_tenant_id_session_id_step_key_unique" unique ("tenant_id", "session_id", "step_key");`);
    this.addSql(`create table "offline_callback" ("id" serial primary key, "tenant_id" varchar(64) not null, "session_id" varchar(64) not null, "package_id" varchar(64) null, "name" varchar(200) null, "phone" varchar(64) null, "email" varchar(200) null, "left_at" timestamptz not null, "cause" varchar(32) not null, "created_at" timestamptz not null, "taken_by_id" varchar(200) null, "taken_at" timestamptz null);`);
    this.addSql(`alter table "offline_callback" add constraint "offline_callback_tenant_id_session_id_unique" unique ("tenant_id", "session_id");`);
    this.addSql(`create table "client_preview" ("id" serial primary key, "tenant_id" varchar(64) not null, "session_id" varchar(64) not null, "device_type" varchar(16) not null, "os" varchar(64) null, "browser" varchar(64) null, "country" varchar(8) not null, "language" varchar(35) null, "derived_at" timestamptz not null);`);
    this.addSql(`alter table "client_preview" add constraint "client_preview_tenant_id_session_id_unique" unique ("tenant_id", "session_id");`);
    this.addSql(`create table "callback_number_block" ("id" serial primary key, "tenant_id" varchar(64) not null, "number" varchar(32) not null, "accepted_at" timestamptz not null, "session_id" varchar(64) null);`);
    this.addSql(`create index "callback_number_block_tenant_id_session_id_index" on "callback_number_block" ("tenant_id", "session_id");`);
    this.addSql(`alter table "callback_number_block" add constraint "callback_number_block_tenant_id_number_unique" unique ("tenant_id", "number");`);
    this.addSql(`create table "ban" ("id" serial primary key, "tenant_id" varchar(64) not null, "kind" varchar(16) not null, "value" varchar(200) not null, "identity_key" varchar(220) not null, "reason" varchar(500) not null, "duration" varchar(16) not null, "expires_at" timestamptz null, "session_id" varchar(64) null, "created_at" timestamptz not null, "created_by_id" varchar(200) not null, "created_by_name" varchar(200) null, "created_by_role" varchar(16) not null, "revoked_at" timestamptz null, "revoked_by_id" varchar(200) null, "revoked_by_name" varchar(200) null, "revoke_note" varchar(500) null);`);
    this.addSql(`create index "ban_tenant_id_created_at_index" on "ban" ("tenant_id", "created_at");`);
    this.addSql(`create index "ban_tenant_id_identity_key_index" on "ban" ("tenant_id", "identity_key");`);
    this.addSql(`alter table "routing_step" add constraint "routing_step_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "offline_callback" add constraint "offline_callback_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "client_preview" add constraint "client_preview_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "callback_number_block" add constraint "callback_number_block_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "ban" add constraint "ban_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
  }

  override down(): void {
    this.addSql(`drop table if exists "routing_step" cascade;`);
    this.addSql(`drop table if exists "offline_callback" cascade;`);
    this.addSql(`drop table if exists "client_preview" cascade;`);
    this.addSql(`drop table if exists "callback_number_block" cascade;`);
    this.addSql(`drop table if exists "ban" cascade;`);
  }
}
