import { Migration } from '@mikro-orm/migrations';

export class Migration20261125135151_host_inbox extends Migration {
  override up(): void {
    this.addSql(`create table \`inbox\` (\`id\` integer not null primary key autoincrement, \`tenant_id\` text not null, \`dedupe_key\` text not null, \`event_type\` text not null, \`payload\` json not null, \`received_at\` datetime not null, \`state\` text not null default 'pending', \`attempts\` integer not null default 0, \`last_error\` text null, \`available_at\` datetime not null, \`processed_at\` datetime null, constraint \`inbox_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`inbox_tenant_id_index\` on \`inbox\` (\`tenant_id\`);`);
    this.addSql(`create index \`inbox_state_available_at_index\` on \`inbox\` (\`state\`, \`available_at\`);`);
    this.addSql(`create unique index \`inbox_tenant_id_dedupe_key_unique\` on \`inbox\` (\`tenant_id\`, \`dedupe_key\`);`);
    this.addSql(`create table \`host_webhook_registration\` (\`id\` integer not null primary key autoincrement, \`tenant_id\` text not null, \`state\` text not null default 'pending', \`host_webhook_id\` integer null, \`callback_url\` text not null, \`event_types\` json not null, \`attempts\` integer not null default 0, \`last_error\` text null, \`registered_at\` datetime null, \`updated_at\` datetime not null, constraint \`host_webhook_registration_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`host_webhook_registration_tenant_id_index\` on \`host_webhook_registration\` (\`tenant_id\`);`);
    this.addSql(`create unique index \`host_webhook_registration_tenant_id_unique\` on \`host_webhook_registration\` (\`tenant_id\`);`);
  }
}
