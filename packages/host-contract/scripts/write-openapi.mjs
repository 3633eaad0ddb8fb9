// Writes dist/extension.openapi.json from the compiled schemas; run by `build` after tsc.
import { writeFileSync } from 'node:fs';
import { buildExtensionOpenApi } from '../dist/openapi/extension-openapi.js';

const target = new URL('../dist/extension.openapi.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(buildExtensionOpenApi(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
