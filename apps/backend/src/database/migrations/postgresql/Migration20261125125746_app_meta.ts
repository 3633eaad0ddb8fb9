import { Migration } from '@mikro-orm/migrations';

export class Migration20261125125746_app_meta extends Migration {
  override up(): void {
    this.addSql(
      `create table "app_meta" ("key" varchar(100) not null, "value" text not null, "updated_at" timestamptz not null, constraint "app_meta_pkey" primary key ("key"));`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists "app_meta" cascade;`);
  }
}
