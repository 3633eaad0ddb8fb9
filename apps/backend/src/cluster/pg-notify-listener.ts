import pg from 'pg';

export interface PgNotifyListenerOptions {
  connectionString: string;
  channel: string;
  /** Shown in pg_stat_activity, so an operator (or a test) can find this connection. */
  applicationName: string;
  onNotification(payload: string): void;
  /**
   * After every successful LISTEN, the first included: what was published while this instance
   * was not listening is unknown, so whatever it cached before cannot be trusted.
   */
  onListening(reconnected: boolean): void;
  /** The connection failed or was lost; a reconnect follows after `retryInMs`. */
  onLost(error: unknown, retryInMs: number): void;
  /** First reconnect pause; doubles per failed attempt up to `maxBackoffMs` (with jitter). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** A `select 1` this often finds a connection that died without telling (a half-open socket). */
  heartbeatMs?: number;
  random?: () => number;
}

const DEFAULTS = { minBackoffMs: 250, maxBackoffMs: 10_000, heartbeatMs: 15_000 };
const CONNECT_TIMEOUT_MS = 5_000;
const STOP_TIMEOUT_MS = 2_000;

/** `"name"`: the channel is ours, but LISTEN takes no parameters, so it is quoted here. */
function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * LISTEN on one dedicated PostgreSQL connection (not the ORM's pool: a listening connection must
 * stay open and be nobody else's). A lost connection is replaced after an exponential backoff,
 * for as long as the listener runs.
 */
export class PgNotifyListener {
  private readonly options: Required<PgNotifyListenerOptions>;
  private client: pg.Client | null = null;
  private listening = false;
  private everListened = false;
  private failures = 0;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(options: PgNotifyListenerOptions) {
    this.options = { ...DEFAULTS, random: Math.random, ...options };
  }

  /** Whether LISTEN is in effect right now. */
  get isListening(): boolean {
    return this.listening;
  }

  /** Resolves after the first attempt, successful or not (a failure keeps retrying). */
  start(): Promise<void> {
    return this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeat);
    const client = this.client;
    this.client = null;
    this.listening = false;
    if (client === null) return;
    // A connection to a host that vanished may never confirm its end: do not hold the shutdown.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      client.end().catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, STOP_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: this.options.applicationName,
      keepAlive: true,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: CONNECT_TIMEOUT_MS,
    });
    this.client = client;
    client.on('notification', (message) => {
      if (client !== this.client || message.channel !== this.options.channel) return;
      if (message.payload !== undefined) this.options.onNotification(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdentifier(this.options.channel)}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    // Stopped, or lost and replaced, while connecting.
    if (client !== this.client) {
      await client.end().catch(() => undefined);
      return;
    }
    this.failures = 0;
    this.listening = true;
    const reconnected = this.everListened;
    this.everListened = true;
    this.heartbeat = setInterval(() => {
      client.query('select 1').catch((error: unknown) => this.lost(client, error));
    }, this.options.heartbeatMs);
    this.heartbeat.unref();
    this.options.onListening(reconnected);
  }

  private lost(client: pg.Client, error: unknown): void {
    // Errors and the end of a connection already replaced (or of a stopped listener) are noise.
    if (client !== this.client || this.stopped) return;
    this.client = null;
    this.listening = false;
    clearInterval(this.heartbeat);
    void client.end().catch(() => undefined);
    const { minBackoffMs, maxBackoffMs, random } = this.options;
    const ceiling = Math.min(maxBackoffMs, minBackoffMs * 2 ** this.failures);
    this.failures += 1;
    // Jitter, so that the instances of a cluster do not all reconnect in the same millisecond.
    const delay = Math.round(ceiling / 2 + (random() * ceiling) / 2);
    this.options.onLost(error, delay);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref();
  }
}
