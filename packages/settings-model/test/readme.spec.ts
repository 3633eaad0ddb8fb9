import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES, LINT_CODES, RULES_OUTSIDE_JSON_SCHEMA, SETTING_KEYS } from '../src/index.js';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const tableRowFor = (code: string) => new RegExp(`^\\| \`${code}\` *\\|`, 'm');

describe('README', () => {
  it.each([...ERROR_CODES])('documents error code %s in a table row', (code) => {
    expect(readme).toMatch(tableRowFor(code));
  });

  it.each([...LINT_CODES])('documents lint code %s in a table row', (code) => {
    expect(readme).toMatch(tableRowFor(code));
  });

  it.each([...SETTING_KEYS])('lists setting %s', (key) => {
    expect(readme).toMatch(tableRowFor(key.replace('.', '\\.')));
  });

  it('names every rule the JSON Schema cannot express', () => {
    const section = readme.slice(readme.indexOf('### Rules the JSON Schema cannot express'));
    for (const rule of RULES_OUTSIDE_JSON_SCHEMA) expect(section).toContain(`\`${rule.code}\``);
  });
});
