import { Migration } from '@mikro-orm/migrations';

export class Migration20261125153550_partners extends Migration {
  override up(): void {
    this.addSql(`create table "partner" ("id" varchar(40) not null, "name" varchar(120) not null, "theme" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "partner_pkey" primary key ("id"));`);
    this.addSql(`create table "tenant_partner" ("tenant_id" varchar(64) not null, "partner_id" varchar(40) not null, "assigned_at" timestamptz not null, constraint "tenant_partner_pkey" primary key ("tenant_id"));`);
    this.addSql(`alter table "tenant_partner" add constraint "tenant_partner_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "tenant_partner" add constraint "tenant_partner_partner_id_foreign" foreign key ("partner_id") references "partner" ("id") on update cascade;`);
  }

  override down(): void {
    this.addSql(`alter table "tenant_partner" drop constraint "tenant_partner_partner_id_foreign";`);
    this.addSql(`drop table if exists "partner" cascade;`);
    this.addSql(`drop table if exists "tenant_partner" cascade;`);
  }
}
