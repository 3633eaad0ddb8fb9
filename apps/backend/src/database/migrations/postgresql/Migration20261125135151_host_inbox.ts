import { Migration } from '@mikro-orm/migrations';

export class Migration20261125135151_host_inbox extends Migration {
  override up(): void {
    this.addSql(`create table "inbox" ("id" serial primary key, "tenant_id" varchar(64) not null, "dedupe_key" varchar(200) not null, "event_type" varchar(100) not null, "payload" jsonb not null, "received_at" timestamptz not null, "state" varchar(16) not null default 'pending', "attempts" int not null default 0, "last_error" text null, "available_at" timestamptz not null, "processed_at" timestamptz null);`);
    this.addSql(`create index "inbox_state_available_at_index" on "inbox" ("state", "available_at");`);
    this.addSql(`alter table "inbox" add constraint "inbox_tenant_id_dedupe_key_unique" unique ("tenant_id", "dedupe_key");`);
    this.addSql(`create table "host_webhook_registration" ("id" serial primary key, "tenant_id" varchar(64) not null, "state" varchar(16) not null default 'pending', "host_webhook_id" int null, "callback_url" text not null, "event_types" jsonb not null, "attempts" int not null default 0, "last_error" text null, "registered_at" timestamptz null, "updated_at" timestamptz not null);`);
    this.addSql(`alter table "host_webhook_registration" add constraint "host_webhook_registration_tenant_id_unique" unique ("tenant_id");`);
    this.addSql(`alter table "inbox" add constraint "inbox_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "host_webhook_registration" add constraint "host_webhook_registration_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
  }

  override down(): void {
    this.addSql(`drop table if exists "inbox" cascade;`);
    this.addSql(`drop table if exists "host_webhook_registration" cascade;`);
  }
}
