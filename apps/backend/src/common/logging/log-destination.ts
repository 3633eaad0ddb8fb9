import { type DestinationStream, pino } from 'pino';

/**
 * Log lines are gathered up to this many bytes and written with one asynchronous write: a
 * synchronous write per line cost ~9% of the CPU of the webhook ingest (a profile of the bench),
 * and a write per 4 KiB (about six request lines) still ~4%.
 */
export const LOG_BUFFER_BYTES = 12_288; // below sonic-boom's maxWrite (16 KiB)
/** A quiet instance still shows its lines within this long. */
export const LOG_FLUSH_INTERVAL_MS = 1000;
/** At shutdown, how long to wait for the buffered lines to be written before writing synchronously. */
const FLUSH_TIMEOUT_MS = 2000;

export type BufferedDestination = ReturnType<typeof pino.destination>;

/** The service's stdout: asynchronous and buffered. Flush it before the process ends. */
export function bufferedStdout(): BufferedDestination {
  return pino.destination({ dest: 1, sync: false, minLength: LOG_BUFFER_BYTES });
}

/** A destination that buffers (sonic-boom); the tests' plain streams do not. */
export function isBuffered(destination: DestinationStream): destination is BufferedDestination {
  const candidate = destination as Partial<BufferedDestination>;
  return typeof candidate.flush === 'function' && typeof candidate.flushSync === 'function';
}

/** Starts writing what is buffered; a no-op for unbuffered destinations. */
export function startFlush(destination: DestinationStream): void {
  if (!isBuffered(destination)) return;
  try {
    destination.flush();
  } catch {
    // Destroyed (the stream closed): nothing more can be written anyway.
  }
}

/** Writes what is buffered at once, blocking: for the moment just before the process ends. */
export function flushLogsSync(destination: DestinationStream): void {
  if (!isBuffered(destination)) return;
  try {
    destination.flushSync();
  } catch {
    // Destroyed, or not open yet (it opens fd 1 at once, so that is not expected).
  }
}

/**
 * Waits until every buffered line is written (bounded by a timeout: a reader that stopped reading
 * must not hold the shutdown), then writes whatever was logged meanwhile synchronously.
 */
export async function flushLogs(destination: DestinationStream): Promise<void> {
  if (!isBuffered(destination)) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, FLUSH_TIMEOUT_MS);
    try {
      // The callback reports fsync's answer too, which a pipe refuses (EINVAL): the write is done.
      destination.flush(() => {
        clearTimeout(timer);
        resolve();
      });
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
  flushLogsSync(destination);
}

/**
 * An uncaught exception or unhandled rejection ends the process (as Node.js would), but first
 * logs it as `fatal` and writes every buffered line, which a plain exit would lose.
 */
export function exitOnFatalErrors(destination: DestinationStream): void {
  const fatal = (error: unknown, message: string): void => {
    try {
      pino({ base: { pid: process.pid } }, destination).fatal({ err: error }, message);
    } finally {
      flushLogsSync(destination);
      process.exit(1);
    }
  };
  process.on('uncaughtException', (error) => fatal(error, 'Uncaught exception; exiting'));
  process.on('unhandledRejection', (reason) =>
    fatal(reason, 'Unhandled promise rejection; exiting'),
  );
}
