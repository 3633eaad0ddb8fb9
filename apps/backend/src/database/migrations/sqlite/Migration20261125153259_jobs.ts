import { Migration } from '@mikro-orm/migrations';

export class Migration20261125153259_jobs extends Migration {
  override up(): void {
    this.addSql(`create table \`recurring_job\` (\`id\` integer not null primary key autoincrement, \`tenant_id\` text null, \`name\` text not null, \`cron\` text not null, \`time_zone\` text not null, \`kind\` text not null, \`payload\` json not null, \`max_attempts\` integer null, \`next_slot_at\` datetime not null, \`last_slot_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`recurring_job_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`recurring_job_tenant_id_index\` on \`recurring_job\` (\`tenant_id\`);`);
    this.addSql(`create index \`recurring_job_next_slot_at_index\` on \`recurring_job\` (\`next_slot_at\`);`);
    this.addSql(`create unique index "recurring_job_name_unique" on "recurring_job" (coalesce("tenant_id", ''), "name");`);
    this.addSql(`create table \`job\` (\`id\` integer not null primary key autoincrement, \`kind\` text not null, \`tenant_id\` text null, \`key\` text null, \`payload\` json not null, \`state\` text not null default 'scheduled', \`due_at\` datetime not null, \`available_at\` datetime not null, \`attempts\` integer not null default 0, \`max_attempts\` integer not null default 1, \`after_run\` text null, \`last_error\` text null, \`locked_by\` text null, \`created_at\` datetime not null, \`started_at\` datetime null, \`finished_at\` datetime null, constraint \`job_tenant_id_foreign\` foreign key(\`tenant_id\`) references \`tenant\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`job_tenant_id_index\` on \`job\` (\`tenant_id\`);`);
    this.addSql(`create index \`job_state_finished_at_index\` on \`job\` (\`state\`, \`finished_at\`);`);
    this.addSql(`create index \`job_tenant_id_state_kind_index\` on \`job\` (\`tenant_id\`, \`state\`, \`kind\`);`);
    this.addSql(`create index "job_claim_index" on "job" ("available_at") where "state" in ('scheduled', 'running', 'failed');`);
    this.addSql(`create unique index "job_active_key_unique" on "job" (coalesce("tenant_id", ''), "key") where "state" in ('scheduled', 'running', 'failed');`);
  }
}
