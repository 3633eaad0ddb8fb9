// Writes the JSON Schema of every setting to the path given as the only argument, for hosts and
// tools that do not run JavaScript. The build calls it: node dist/scripts/write-json-schema.js <out>
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderJsonSchemaFile } from '../json-schema.js';

const [, , outFile] = process.argv;
if (!outFile) {
  console.error('usage: write-json-schema <output.json>');
  process.exit(2);
}
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, renderJsonSchemaFile());
console.log(`settings JSON Schema written to ${outFile}`);
