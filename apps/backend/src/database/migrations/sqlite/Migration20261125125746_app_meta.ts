import { Migration } from '@mikro-orm/migrations';

export class Migration20261125125746_app_meta extends Migration {
  override up(): void {
    this.addSql(
      `create table \`app_meta\` (\`key\` text not null, \`value\` text not null, \`updated_at\` datetime not null, primary key (\`key\`));`,
    );
  }
}
