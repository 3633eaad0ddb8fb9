import { Migration } from '@mikro-orm/migrations';

export class Migration20261125153259_jobs extends Migration {
  override up(): void {
    this.addSql(`create table "recurring_job" ("id" serial primary key, "tenant_id" varchar(64) null, "name" varchar(100) not null, "cron" varchar(100) not null, "time_zone" varchar(64) not null, "kind" varchar(100) not null, "payload" jsonb not null, "max_attempts" int null, "next_slot_at" timestamptz not null, "last_slot_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`create index "recurring_job_next_slot_at_index" on "recurring_job" ("next_slot_at");`);
    this.addSql(`create unique index "recurring_job_name_unique" on "recurring_job" (coalesce("tenant_id", ''), "name");`);
    this.addSql(`create table "job" ("id" serial primary key, "kind" varchar(100) not null, "tenant_id" varchar(64) null, "key" varchar(300) null, "payload" jsonb not null, "state" varchar(16) not null default 'scheduled', "due_at" timestamptz not null, "available_at" timestamptz not null, "attempts" int not null default 0, "max_attempts" int not null default 1, "after_run" varchar(16) null, "last_error" text null, "locked_by" varchar(100) null, "created_at" timestamptz not null, "started_at" timestamptz null, "finished_at" timestamptz null);`);
    this.addSql(`create index "job_state_finished_at_index" on "job" ("state", "finished_at");`);
    this.addSql(`create index "job_tenant_id_state_kind_index" on "job" ("tenant_id", "state", "kind");`);
    this.addSql(`create index "job_claim_index" on "job" ("available_at") where "state" in ('scheduled', 'running', 'failed');`);
    this.addSql(`create unique index "job_active_key_unique" on "job" (coalesce("tenant_id", ''), "key") where "state" in ('scheduled', 'running', 'failed');`);
    this.addSql(`alter table "recurring_job" add constraint "recurring_job_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "job" add constraint "job_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
  }

  override down(): void {
    this.addSql(`drop table if exists "recurring_job" cascade;`);
    this.addSql(`drop table if exists "job" cascade;`);
  }
}
