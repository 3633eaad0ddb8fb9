import { Writable } from 'node:stream';

export interface LogCapture {
  /** Pass as `logDestination` to startTestApp. */
  destination: Writable;
  /** Every log line written so far, one JSON object per entry. */
  lines: string[];
  /** Everything written so far, as one string. */
  text(): string;
}

/** Collects what the app logs, so a test can check what does (and does not) end up there. */
export function captureLogs(): LogCapture {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  return { destination, lines, text: () => lines.join('\n') };
}
