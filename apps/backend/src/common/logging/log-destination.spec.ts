import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { flushLogs, isBuffered, LOG_BUFFER_BYTES } from './log-destination.js';

describe('buffered log destination', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-logs-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds lines until a buffer fills, and writes every line when flushed', async () => {
    const file = join(dir, 'out.log');
    const destination = pino.destination({
      dest: file,
      sync: false,
      minLength: LOG_BUFFER_BYTES,
      mkdir: true,
    });
    await new Promise((resolve) => destination.once('ready', resolve));
    const logger = pino(destination);
    logger.info({ n: 1 }, 'first');
    logger.info({ n: 2 }, 'last before shutdown');
    // Well below the buffer size: nothing reached the file yet.
    expect(readFileSync(file, 'utf8')).toBe('');

    await flushLogs(destination);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual([
      'first',
      'last before shutdown',
    ]);
    destination.end();
  });

  it('leaves plain streams (the tests’ log captures) alone', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    expect(isBuffered(stream)).toBe(false);
    pino(stream).info('written at once');
    await flushLogs(stream);
    expect(lines).toHaveLength(1);
  });
});
