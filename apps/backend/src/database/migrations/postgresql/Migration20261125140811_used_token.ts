import { Migration } from '@mikro-orm/migrations';

export class Migration20261125140811_used_token extends Migration {
  override up(): void {
    this.addSql(`create table "used_token" ("id" uuid not null, "tenant_id" varchar(64) not null, "jti" varchar(200) not null, "expires_at" timestamptz not null, constraint "used_token_pkey" primary key ("id"));`);
    this.addSql(`create index "used_token_expires_at_index" on "used_token" ("expires_at");`);
    this.addSql(`alter table "used_token" add constraint "used_token_tenant_id_jti_unique" unique ("tenant_id", "jti");`);
    this.addSql(`alter table "used_token" add constraint "used_token_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
  }

  override down(): void {
    this.addSql(`drop table if exists "used_token" cascade;`);
  }
}
