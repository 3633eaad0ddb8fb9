import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { flushLogs, isBuffered, LOG_FLUSH_INTERVAL_MS, startFlush } from './log-destination.js';

/** Injection token of the destination the app's logger writes to. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

/**
 * Keeps a buffered log destination honest: flushed every second (a quiet instance's lines still
 * show up) and at shutdown, after a last line. Provided by the root module, whose shutdown hooks
 * run after every other module's, so the lines they log are flushed too. On SIGTERM Nest kills the
 * process right after the hooks, without the `exit` event that would have flushed it otherwise.
 */
@Injectable()
export class LogFlushService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Main');
  private timer: NodeJS.Timeout | undefined;

  constructor(@Inject(LOG_DESTINATION) private readonly destination: DestinationStream) {}

  onModuleInit(): void {
    if (!isBuffered(this.destination)) return;
    this.timer = setInterval(() => startFlush(this.destination), LOG_FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    clearInterval(this.timer);
    this.logger.log({ signal: signal ?? null }, 'Switchboard backend stopped');
    await flushLogs(this.destination);
  }
}
