import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyState, type RuntimeSettings, type SandboxState } from './sandbox-state.js';

/** Logs are trimmed to their newest entries so a long demo does not grow the snapshot forever. */
const LOG_LIMIT = 5000;

/** First id per kind: 64-bit ids (sessions, threads) start high so they look like real ones. */
const ID_START: Record<string, number> = {
  session: 100_000,
  emailThread: 50_000,
  activity: 1_000_000,
  contact: 70_000,
};

/**
 * Holds the state in memory and writes it to `<dataDir>/state.json` after changes, debounced, via a
 * temp file and a rename so a crash never leaves half a snapshot.
 */
export class StateStore {
  state: SandboxState;
  private readonly file: string;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly debounceMs: number,
    private readonly defaults: RuntimeSettings,
  ) {
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'state.json');
    this.state = this.read() ?? emptyState(defaults);
  }

  private read(): SandboxState | null {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return null;
    }
    const parsed = JSON.parse(text) as SandboxState;
    return { ...emptyState(this.defaults), ...parsed };
  }

  nextId(kind: string): number {
    const next = (this.state.counters[kind] ?? ID_START[kind] ?? 0) + 1;
    this.state.counters[kind] = next;
    return next;
  }

  /** Marks the state dirty; the snapshot follows after the debounce. */
  changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.debounceMs);
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.trimLogs();
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.state));
    renameSync(temp, this.file);
  }

  reset(): void {
    this.state = emptyState(this.defaults);
    this.changed();
  }

  private trimLogs(): void {
    const s = this.state;
    if (s.deliveries.length > LOG_LIMIT) s.deliveries = s.deliveries.slice(-LOG_LIMIT);
    if (s.hookDecisions.length > LOG_LIMIT) s.hookDecisions = s.hookDecisions.slice(-LOG_LIMIT);
    if (s.notifications.length > LOG_LIMIT) s.notifications = s.notifications.slice(-LOG_LIMIT);
    const now = Date.now();
    s.tokens = s.tokens.filter((t) => Date.parse(t.expiresAt) > now);
  }

  get dir(): string {
    return this.dataDir;
  }
}
