import { Migration } from '@mikro-orm/migrations';

export class Migration20261125153834_availability extends Migration {
  override up(): void {
    this.addSql(`create table "package_status_sync" ("tenant_id" varchar(64) not null, "mode" varchar(16) not null default 'extension', "synced_at" timestamptz null, "last_error" text null, "last_error_at" timestamptz null, constraint "package_status_sync_pkey" primary key ("tenant_id"));`);
    this.addSql(`create table "package_status_change" ("id" serial primary key, "tenant_id" varchar(64) not null, "package_id" int not null, "from_status" varchar(16) null, "to_status" varchar(16) not null, "reason" varchar(64) not null, "note" text null, "trigger" varchar(32) not null, "operator_user_id" int null, "occurred_at" timestamptz not null);`);
    this.addSql(`create index "package_status_change_tenant_id_package_id_occurred_at_index" on "package_status_change" ("tenant_id", "package_id", "occurred_at");`);
    this.addSql(`create index "package_status_change_tenant_id_occurred_at_index" on "package_status_change" ("tenant_id", "occurred_at");`);
    this.addSql(`create table "package_state" ("id" serial primary key, "tenant_id" varchar(64) not null, "package_id" int not null, "name" varchar(200) null, "routed_count" int not null default 0, "available_count" int not null default 0, "away_count" int not null default 0, "status" varchar(16) not null default 'offline', "reason" varchar(64) not null default 'no_operators_online', "note" text null, "changed_at" timestamptz not null, "pushed" varchar(16) null, "pushed_at" timestamptz null, "push_error" text null);`);
    this.addSql(`alter table "package_state" add constraint "package_state_tenant_id_package_id_unique" unique ("tenant_id", "package_id");`);
    this.addSql(`create table "package_route" ("id" serial primary key, "tenant_id" varchar(64) not null, "package_id" int not null, "user_id" int not null);`);
    this.addSql(`create index "package_route_tenant_id_user_id_index" on "package_route" ("tenant_id", "user_id");`);
    this.addSql(`alter table "package_route" add constraint "package_route_tenant_id_package_id_user_id_unique" unique ("tenant_id", "package_id", "user_id");`);
    this.addSql(`create table "operator_presence" ("id" serial primary key, "tenant_id" varchar(64) not null, "user_id" int not null, "presence" varchar(16) not null default 'offline', "absence_reason_id" int null, "absence_reason_name" varchar(200) null, "host_changed_at" timestamptz null, "updated_at" timestamptz not null);`);
    this.addSql(`alter table "operator_presence" add constraint "operator_presence_tenant_id_user_id_unique" unique ("tenant_id", "user_id");`);
    this.addSql(`create table "email_queue_thread" ("id" serial primary key, "tenant_id" varchar(64) not null, "thread_id" bigint not null, "state" varchar(16) not null default 'queued', "received_at" timestamptz not null, "claimed_by" int null, "claimed_at" timestamptz null, "claimed_until" timestamptz null, "claims" int not null default 0, "assigned_to" int null, "state_changed_at" timestamptz not null);`);
    this.addSql(`create index "email_queue_thread_tenant_id_state_claimed_until_index" on "email_queue_thread" ("tenant_id", "state", "claimed_until");`);
    this.addSql(`create index "email_queue_thread_tenant_id_state_received_at_thread_id_index" on "email_queue_thread" ("tenant_id", "state", "received_at", "thread_id");`);
    this.addSql(`alter table "email_queue_thread" add constraint "email_queue_thread_tenant_id_thread_id_unique" unique ("tenant_id", "thread_id");`);
    this.addSql(`alter table "package_status_sync" add constraint "package_status_sync_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "package_status_change" add constraint "package_status_change_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "package_state" add constraint "package_state_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "package_route" add constraint "package_route_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "operator_presence" add constraint "operator_presence_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "email_queue_thread" add constraint "email_queue_thread_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
  }

  override down(): void {
    this.addSql(`drop table if exists "package_status_sync" cascade;`);
    this.addSql(`drop table if exists "package_status_change" cascade;`);
    this.addSql(`drop table if exists "package_state" cascade;`);
    this.addSql(`drop table if exists "package_route" cascade;`);
    this.addSql(`drop table if exists "operator_presence" cascade;`);
    this.addSql(`drop table if exists "email_queue_thread" cascade;`);
  }
}
