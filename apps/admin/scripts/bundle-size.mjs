// `pnpm bench` for the panel: the size of every chunk of the production build, raw and gzip, and
// what the first load fetches (the entry and its static imports, from Vite's manifest).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { machineLine, writeSection } from '../../../tooling/scripts/benchmarks-file.mjs';

const dist = join(import.meta.dirname, '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));

const kb = (bytes) => (bytes / 1024).toFixed(1);
const sizeOf = (file) => {
  const content = readFileSync(join(dist, file));
  return { raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
};

// The entry chunk and everything it imports statically: what the browser loads before first paint.
const initial = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const css of chunk.css ?? []) initial.add(css);
  for (const imported of chunk.imports ?? []) visit(imported);
};
for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);

const assets = readdirSync(join(dist, 'assets'))
  .filter((name) => /\.(js|css)$/.test(name))
  .map((name) => ({ file: `assets/${name}`, ...sizeOf(`assets/${name}`) }))
  .sort((a, b) => b.gzip - a.gzip);

const initialTotal = assets.filter((a) => initial.has(a.file)).reduce((sum, a) => sum + a.gzip, 0);
const total = assets.reduce((sum, a) => sum + a.gzip, 0);
const rows = assets.map(
  (a) =>
    `| \`${a.file.replace(/-[\w-]{8}\.(js|css)$/, '.$1')}\` | ${kb(a.raw)} | ${kb(a.gzip)} | ${initial.has(a.file) ? 'yes' : 'lazy'} |`,
);

writeSection(
  'admin-bundle',
  `## Admin panel bundle (apps/admin, \`vite build\`)

${machineLine()}. Method: sizes of \`dist/assets\` after the production build; gzip at level 9; "first load"
is the entry chunk and its static imports from Vite's manifest.

| Chunk | Raw kB | Gzip kB | First load |
|---|---:|---:|---|
${rows.join('\n')}

First load: **${kb(initialTotal)} kB gzip**; all chunks: ${kb(total)} kB gzip (${assets.length} files).`,
);
console.log(`admin bundle: first load ${kb(initialTotal)} kB gzip, total ${kb(total)} kB gzip`);
