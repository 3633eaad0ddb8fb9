import type { Constructor, IMigrationGenerator } from '@mikro-orm/core';
import { TSMigrationGenerator } from '@mikro-orm/migrations';

/**
 * A generator that writes `<className>.ts` for one run: both dialects get the same file and class
 * name, and the code passes our lint rules without edits (sync `up`/`down`, no empty lines).
 */
export function migrationGeneratorFor(className: string): Constructor<IMigrationGenerator> {
  return class SwitchboardMigrationGenerator extends TSMigrationGenerator {
    override generateMigrationFile(
      _className: string,
      diff: { up: string[]; down: string[] },
    ): string {
      const body = (statements: string[]): string =>
        statements
          .filter((sql) => sql.trim() !== '')
          .map((sql) => this.createStatement(sql, 4))
          .join('');
      const lines = [
        `import { Migration } from '@mikro-orm/migrations';`,
        ``,
        `export class ${className} extends Migration {`,
        `  override up(): void {`,
        body(diff.up).trimEnd(),
        `  }`,
      ];
      if (diff.down.some((sql) => sql.trim() !== '')) {
        lines.push(``, `  override down(): void {`, body(diff.down).trimEnd(), `  }`);
      }
      lines.push(`}`, ``);
      return lines.join('\n');
    }
  };
}
