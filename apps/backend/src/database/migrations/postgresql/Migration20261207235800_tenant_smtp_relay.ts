import { Migration } from '@mikro-orm/migrations';

export class Migration20261207235800_tenant_smtp_relay extends Migration {
  override up(): void {
    this.addSql(
      `create table "tenant_smtp_relay" ("tenant_id" varchar(64) not null, "host" varchar(255) not null, "port" int not null, "secure" boolean not null, "require_tls" boolean not null, "from_address" varchar(400) not null, "updated_at" timestamptz not null, constraint "tenant_smtp_relay_pkey" primary key ("tenant_id"));`,
    );
    this.addSql(
      `alter table "tenant_smtp_relay" add constraint "tenant_smtp_relay_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists "tenant_smtp_relay" cascade;`);
  }
}
