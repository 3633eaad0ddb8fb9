import { Migration } from '@mikro-orm/migrations';

export class Migration20261125153948_anonymization extends Migration {
  override up(): void {
    this.addSql(`create table "anonymization_ledger" ("id" serial primary key, "tenant_id" varchar(64) not null, "session_id" varchar(32) not null, "category" varchar(32) not null, "status" varchar(16) not null default 'pending', "method" varchar(32) null, "outcome" varchar(32) null, "item_count" int null, "details" jsonb null, "error" text null, "run_id" varchar(36) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "done_at" timestamptz null);`);
    this.addSql(`create index "anonymization_ledger_tenant_id_run_id_index" on "anonymization_ledger" ("tenant_id", "run_id");`);
    this.addSql(`alter table "anonymization_ledger" add constraint "anonymization_ledger_tenant_id_session_id_category_unique" unique ("tenant_id", "session_id", "category");`);
    this.addSql(`create table "anonymization_ended_session" ("id" serial primary key, "tenant_id" varchar(64) not null, "session_id" varchar(32) not null, "channel" varchar(16) not null, "package_id" varchar(64) null, "details_known" boolean not null default false, "tags" jsonb null, "ended_at" timestamptz not null, "anonymized_at" timestamptz null, "missing_since" timestamptz null, "source" varchar(16) not null default 'event', "indexed_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`create index "anonymization_ended_session_tenant_id_anonymized_a_8f6cf_index" on "anonymization_ended_session" ("tenant_id", "anonymized_at", "ended_at");`);
    this.addSql(`alter table "anonymization_ended_session" add constraint "anonymization_ended_session_tenant_id_session_id_unique" unique ("tenant_id", "session_id");`);
    this.addSql(`create table "anonymization_backfill" ("id" varchar(36) not null, "tenant_id" varchar(64) not null, "trigger" varchar(16) not null, "status" varchar(16) not null default 'running', "active_key" varchar(64) null, "ended_after" timestamptz null, "ended_before" timestamptz not null, "next_offset" int not null default 0, "pages" int not null default 0, "sessions_seen" int not null default 0, "started_at" timestamptz not null, "updated_at" timestamptz not null, "finished_at" timestamptz null, "error" text null, constraint "anonymization_backfill_pkey" primary key ("id"));`);
    this.addSql(`alter table "anonymization_backfill" add constraint "anonymization_backfill_active_key_unique" unique ("active_key");`);
    this.addSql(`create index "anonymization_backfill_tenant_id_started_at_index" on "anonymization_backfill" ("tenant_id", "started_at");`);
    this.addSql(`create table "anonymization_run" ("id" varchar(36) not null, "tenant_id" varchar(64) not null, "trigger" varchar(16) not null, "slot" varchar(200) null, "requested_by" varchar(200) null, "rule" jsonb not null, "cutoff" timestamptz not null, "deadline" timestamptz null, "mode" varchar(16) not null, "status" varchar(32) not null default 'running', "active_key" varchar(64) null, "total" int not null default 0, "counts" jsonb null, "host_ms" int not null default 0, "switchboard_ms" int not null default 0, "created_at" timestamptz not null, "finished_at" timestamptz null, "last_progress_at" timestamptz null, "error" text null, constraint "anonymization_run_pkey" primary key ("id"));`);
    this.addSql(`alter table "anonymization_run" add constraint "anonymization_run_active_key_unique" unique ("active_key");`);
    this.addSql(`create index "anonymization_run_tenant_id_created_at_index" on "anonymization_run" ("tenant_id", "created_at");`);
    this.addSql(`alter table "anonymization_run" add constraint "anonymization_run_tenant_id_slot_unique" unique ("tenant_id", "slot");`);
    this.addSql(`create table "anonymization_run_item" ("id" serial primary key, "run_id" varchar(36) not null, "tenant_id" varchar(64) not null, "session_id" varchar(32) not null, "seq" int not null, "status" varchar(16) not null default 'pending', "reason" varchar(64) null, "error" text null, "attempts" int not null default 0, "available_at" timestamptz not null, "finished_at" timestamptz null);`);
    this.addSql(`create index "anonymization_run_item_run_id_status_seq_index" on "anonymization_run_item" ("run_id", "status", "seq");`);
    this.addSql(`alter table "anonymization_run_item" add constraint "anonymization_run_item_run_id_session_id_unique" unique ("run_id", "session_id");`);
    this.addSql(`alter table "anonymization_ledger" add constraint "anonymization_ledger_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "anonymization_ended_session" add constraint "anonymization_ended_session_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "anonymization_backfill" add constraint "anonymization_backfill_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "anonymization_run" add constraint "anonymization_run_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "anonymization_run_item" add constraint "anonymization_run_item_run_id_foreign" foreign key ("run_id") references "anonymization_run" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "anonymization_run_item" add constraint "anonymization_run_item_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
  }

  override down(): void {
    this.addSql(`alter table "anonymization_run_item" drop constraint "anonymization_run_item_run_id_foreign";`);
    this.addSql(`drop table if exists "anonymization_ledger" cascade;`);
    this.addSql(`drop table if exists "anonymization_ended_session" cascade;`);
    this.addSql(`drop table if exists "anonymization_backfill" cascade;`);
    this.addSql(`drop table if exists "anonymization_run" cascade;`);
    this.addSql(`drop table if exists "anonymization_run_item" cascade;`);
  }
}
