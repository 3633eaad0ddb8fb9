import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Facts about the installation itself, e.g. which migration the schema is at. */
@Entity({ tableName: 'app_meta' })
export class AppMeta {
  @PrimaryKey({ type: 'string', length: 100 })
  key!: string;

  @Property({ type: 'text' })
  value!: string;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

export const schemaVersionKey = 'schema_version';
