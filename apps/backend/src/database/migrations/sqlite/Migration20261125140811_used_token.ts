import { Migration } from '@mikro-orm/migrations';

export class Migration20261125140811_used_token extends Migration {
  override up(): void {
    this.addSql(`create table \`used_token\` (\`id\` text not null, \`tenant_id\` text not null, \`jti\` text not null, \`expires_at\` datetime not null, constraint \`used_token_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`used_token_tenant_id_index\` on \`used_token\` (\`tenant_id\`);`);
    this.addSql(`create index \`used_token_expires_at_index\` on \`used_token\` (\`expires_at\`);`);
    this.addSql(`create unique index \`used_token_tenant_id_jti_unique\` on \`used_token\` (\`tenant_id\`, \`jti\`);`);
  }
}
