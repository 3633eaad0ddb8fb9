import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envVariables } from './env-docs.js';
import { backendDir } from './paths.js';

interface DocumentedVariable {
  name: string;
  default: string;
  meaning: string;
}

/** The rows of the Environment table in the backend README: the one place every variable is explained. */
function documentedVariables(): DocumentedVariable[] {
  const readme = readFileSync(join(backendDir, 'README.md'), 'utf8');
  const section = /^## Environment\n([\s\S]*?)^## /m.exec(readme)?.[1];
  if (section === undefined) throw new Error('README.md has no "## Environment" section');
  // The first table of the section is the service's; the developer tooling has its own below.
  const table = /^\| Variable \| Default \| Meaning \|\n\|[-|]+\|\n((?:\|.*\|\n)+)/m.exec(
    section,
  )?.[1];
  if (table === undefined) throw new Error('the Environment section has no variable table');
  return table
    .trimEnd()
    .split('\n')
    .map((row) => {
      const cells = row
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim());
      const name = /^`([A-Z][A-Z0-9_]*)`$/.exec(cells[0] ?? '')?.[1];
      if (name === undefined) throw new Error(`not a variable row: ${row}`);
      return { name, default: cells[1] ?? '', meaning: cells[2] ?? '' };
    });
}

describe('the configuration table (apps/backend/README.md, Environment)', () => {
  const documented = documentedVariables();
  const schema = envVariables();

  it('lists exactly the variables of the env schema, each once', () => {
    const names = documented.map((row) => row.name);
    expect(new Set(names).size).toBe(names.length);
    expect({
      undocumented: schema.map((v) => v.name).filter((name) => !names.includes(name)),
      notInSchema: names.filter((name) => !schema.some((v) => v.name === name)),
    }).toEqual({ undocumented: [], notInSchema: [] });
  });

  it.each(envVariables().map((variable) => [variable.name, variable.default]))(
    '%s: the documented default is the schema default (%s)',
    (name, schemaDefault) => {
      const row = documented.find((r) => r.name === name);
      if (row === undefined) throw new Error(`${name} has no row in the table`);
      if (schemaDefault === undefined) {
        // No default: the cell says what happens instead (unset, derived, required to serve).
        expect(row.default).not.toMatch(/^`.*`$/);
        expect(row.default).not.toBe('');
      } else if (schemaDefault === '') {
        expect(row.default).toBe('*(empty)*');
      } else {
        expect(row.default).toBe(`\`${schemaDefault}\``);
      }
      expect(row.meaning.length).toBeGreaterThan(10);
    },
  );
});
