import { resolve } from 'node:path';

// This file sits at src/config (sources, under Jest) or dist/config (compiled), so the package
// directory is two levels up either way.
export const backendDir = resolve(import.meta.dirname, '..', '..');

/** True when the code runs from TypeScript sources (Jest), false when it runs compiled from dist. */
export const runningFromSource = import.meta.filename.endsWith('.ts');
