// BENCHMARKS.md holds one section per benchmark, between markers, so each `pnpm bench` task
// rewrites its own section and leaves the others alone.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './bootstrap.mjs';

const file = join(repoRoot, 'BENCHMARKS.md');

const header = `# Benchmarks

Produced by \`pnpm bench\`; each section is rewritten by the benchmark that owns it. Figures from one
run on one machine: compare within a section (same run), not across sections or machines.
`;

export function machineLine() {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

export function writeSection(name, markdown) {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : header;
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  text = pattern.test(text) ? text.replace(pattern, block) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
}
