import { Migration } from '@mikro-orm/migrations';

export class Migration20261125132516_settings extends Migration {
  override up(): void {
    this.addSql(`create table "settings_revision" ("id" serial primary key, "tenant_id" varchar(64) not null, "number" int not null, "kind" varchar(32) not null, "document" jsonb not null, "changes" jsonb not null, "actor_id" varchar(200) not null, "actor_name" varchar(200) null, "rolled_back_to" int null, "created_at" timestamptz not null);`);
    this.addSql(`alter table "settings_revision" add constraint "settings_revision_tenant_id_number_unique" unique ("tenant_id", "number");`);
    this.addSql(`create table "tenant_settings" ("tenant_id" varchar(64) not null, "document" jsonb not null, "version" int not null, "updated_at" timestamptz not null, "updated_by" varchar(200) null, constraint "tenant_settings_pkey" primary key ("tenant_id"));`);
    this.addSql(`alter table "settings_revision" add constraint "settings_revision_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "tenant_settings" add constraint "tenant_settings_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
  }

  override down(): void {
    this.addSql(`drop table if exists "settings_revision" cascade;`);
    this.addSql(`drop table if exists "tenant_settings" cascade;`);
  }
}
