import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { backendDir } from '../src/config/paths.js';

/**
 * The developer and partner guides quote the repository: paths in backticks or links, and code
 * excerpts marked with `<!-- excerpt: path -->` right above a fenced block. When the code moves on
 * and a guide does not, this fails and names what went stale. Needs no app and no database.
 */
const repoRoot = resolve(backendDir, '..', '..');
const GUIDES = ['docs/extending.md', 'docs/white-label.md'];

/** Top-level folders and root files a backticked path may start with. */
const REPO_PATH = /^(?:(?:apps|packages|docs|tooling|deploy)\/[\w@.\-/]+|[A-Z]+\.md)$/;
/** `<name>`, `{a,b}`, `*`: a pattern for the reader, not a file. */
const PLACEHOLDER = /[<>{}*]/;
/** An elision line inside an excerpt: the lines around it need not be adjacent. */
const ELISION = /^(?:\/\/\s*)?(?:…|\.\.\.)$/;

interface Excerpt {
  file: string;
  /** Line in the guide where the excerpt's code starts. */
  line: number;
  code: string[];
}

const normalise = (line: string): string => line.trim().replace(/\s+/g, ' ');

/** Fenced blocks removed, so only prose (inline code and links) is searched for paths. */
function prose(markdown: string): string {
  return markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
}

function mentionedPaths(markdown: string, guide: string): string[] {
  const text = prose(markdown);
  const found = new Set<string>();
  for (const [, code] of text.matchAll(/`([^`\n]+)`/g)) {
    const path = code!.replace(/\/$/, '');
    if (REPO_PATH.test(path) && !PLACEHOLDER.test(path)) found.add(path);
  }
  for (const [, target] of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
    if (/^[a-z]+:/i.test(target!)) continue;
    found.add(relative(repoRoot, resolve(repoRoot, dirname(guide), target!)));
  }
  return [...found].sort();
}

function markedExcerpts(markdown: string): Excerpt[] {
  const lines = markdown.split('\n');
  const excerpts: Excerpt[] = [];
  lines.forEach((line, index) => {
    const marker = /^<!--\s*excerpt:\s*(\S+)\s*-->$/.exec(line.trim());
    if (marker === null) return;
    // Blank lines may separate the two (a markdown formatter adds one).
    let open = index + 1;
    while (lines[open]?.trim() === '') open++;
    if (!(lines[open] ?? '').startsWith('```')) {
      throw new Error(`line ${index + 1}: an excerpt marker must sit right above a fenced block`);
    }
    const end = lines.findIndex((candidate, at) => at > open && candidate.startsWith('```'));
    if (end === -1) throw new Error(`line ${open + 1}: the excerpt's block is never closed`);
    excerpts.push({ file: marker[1]!, line: open + 2, code: lines.slice(open + 1, end) });
  });
  return excerpts;
}

/**
 * Whether the excerpt occurs in the source, whitespace-normalised: its runs of lines (split at
 * elision lines) appear as consecutive lines of the source, in order. Blank lines are ignored.
 */
function excerptOccurs(excerpt: string[], source: string): boolean {
  const haystack = source.split('\n').map(normalise).filter(Boolean);
  const runs: string[][] = [[]];
  for (const line of excerpt.map(normalise).filter(Boolean)) {
    if (ELISION.test(line)) runs.push([]);
    else runs.at(-1)!.push(line);
  }
  let from = 0;
  for (const run of runs.filter((r) => r.length > 0)) {
    let at = -1;
    for (let start = from; start + run.length <= haystack.length; start++) {
      if (run.every((line, offset) => haystack[start + offset] === line)) {
        at = start;
        break;
      }
    }
    if (at === -1) return false;
    from = at + run.length;
  }
  return true;
}

describe('the guides quote the repository as it is', () => {
  describe.each(GUIDES)('%s', (guide) => {
    const markdown = readFileSync(join(repoRoot, guide), 'utf8');

    it('names only paths that exist', () => {
      const paths = mentionedPaths(markdown, guide);
      expect(paths.length).toBeGreaterThan(10);
      expect(paths.filter((path) => !existsSync(join(repoRoot, path)))).toEqual([]);
    });

    it('quotes excerpts that still occur in their files', () => {
      const excerpts = markedExcerpts(markdown);
      expect(excerpts.length).toBeGreaterThan(3);
      const stale = excerpts
        .filter((excerpt) => {
          const file = join(repoRoot, excerpt.file);
          return !existsSync(file) || !excerptOccurs(excerpt.code, readFileSync(file, 'utf8'));
        })
        .map((excerpt) => `${guide}:${excerpt.line} ← ${excerpt.file}`);
      expect(stale).toEqual([]);
    });
  });

  it('walks through the example capability from the model to the panel', () => {
    const markdown = readFileSync(join(repoRoot, 'docs/extending.md'), 'utf8');
    const files = new Set(markedExcerpts(markdown).map((excerpt) => excerpt.file));
    for (const step of [
      'packages/settings-model/src/areas/chat.settings.ts',
      'packages/settings-model/src/i18n/cs.ts',
      'apps/backend/src/file-sending/file-upload.decider.ts',
      'apps/backend/test/file-sending.e2e-spec.ts',
      'apps/admin/src/settings/SettingsCategoryPage.tsx',
      'apps/backend/src/recordings/session-recording.entity.ts',
      'apps/backend/test/support/route-probes/chat.ts',
      'apps/backend/src/recordings/recordings.service.ts',
      'apps/backend/src/disconnect-grace/disconnect-grace.service.ts',
      'apps/backend/src/disconnect-grace/guest-connectivity.listener.ts',
    ]) {
      expect({ step, quoted: files.has(step) }).toEqual({ step, quoted: true });
    }
  });
});

describe('the guide checker itself', () => {
  const source = [
    'export class A {',
    '  run(): void {',
    '    this.first();',
    '    this.second();',
    '  }',
    '}',
  ].join('\n');

  it('matches excerpts whatever their indentation, and across elisions in order', () => {
    expect(excerptOccurs(['run(): void {', '      this.first();'], source)).toBe(true);
    expect(excerptOccurs(['export class A {', '  // …', 'this.second();'], source)).toBe(true);
  });

  it('refuses changed, reordered or non-adjacent lines', () => {
    expect(excerptOccurs(['this.first(1);'], source)).toBe(false);
    expect(excerptOccurs(['this.second();', '...', 'this.first();'], source)).toBe(false);
    expect(excerptOccurs(['run(): void {', 'this.second();'], source)).toBe(false);
  });

  it('finds paths in inline code and links, but not in code blocks or placeholders', () => {
    const markdown = [
      'See `apps/backend/src/x.ts`, `apps/backend/src/<capability>/`, [ops](operations.md),',
      '[site](https://example.com) and `README.md`.',
      '```sh',
      'cat `apps/backend/not-checked.ts`',
      '```',
    ].join('\n');
    expect(mentionedPaths(markdown, 'docs/guide.md')).toEqual([
      'README.md',
      'apps/backend/src/x.ts',
      'docs/operations.md',
    ]);
  });

  it('reads the marked block under each excerpt marker, and refuses a marker without one', () => {
    expect(
      markedExcerpts(['<!-- excerpt: a/b.ts -->', '```ts', 'one();', 'two();', '```'].join('\n')),
    ).toEqual([{ file: 'a/b.ts', line: 3, code: ['one();', 'two();'] }]);
    expect(
      markedExcerpts(['<!-- excerpt: a/b.ts -->', '', '```ts', 'one();', '```'].join('\n')),
    ).toEqual([{ file: 'a/b.ts', line: 4, code: ['one();'] }]);
    expect(() => markedExcerpts(['<!-- excerpt: a/b.ts -->', 'text'].join('\n'))).toThrow(
      /right above a fenced block/,
    );
  });
});
