// The bench's reference point: a bare Fastify handler doing by hand what the webhook ingress does
// (verify the Standard Webhooks signature with node:crypto, parse the JSON, insert one inbox row
// with plain SQL, answer 204). Started by ingest-bench.mjs as its own process; configuration
// arrives as one JSON argument: { port, secret, tenantId, pgUrl?, sqlitePath?, journalMode? }.
import {
  DEFAULT_TOLERANCE_SECONDS,
  sessionIdOfDelivery,
  verifyWebhook,
} from '@switchboard/host-contract';
import Fastify from 'fastify';
import Database from 'libsql';
import pg from 'pg';

const config = JSON.parse(process.argv[2] ?? '{}');

// The same columns, keys and indexes as the service's `inbox` (migrations *_host_inbox and
// *_inbox_session), under another name so the two never share rows.
const postgresDdl = [
  `create table if not exists "bench_inbox" ("id" serial primary key, "tenant_id" varchar(64) not null, "dedupe_key" varchar(200) not null, "event_type" varchar(100) not null, "payload" jsonb not null, "received_at" timestamptz not null, "state" varchar(16) not null default 'pending', "attempts" int not null default 0, "last_error" text null, "available_at" timestamptz not null, "processed_at" timestamptz null)`,
  `alter table "bench_inbox" add column if not exists "session_id" varchar(64) null`,
  `create index if not exists "bench_inbox_state_available_at_index" on "bench_inbox" ("state", "available_at")`,
  `create index if not exists "bench_inbox_tenant_id_session_id_index" on "bench_inbox" ("tenant_id", "session_id")`,
  `alter table "bench_inbox" drop constraint if exists "bench_inbox_tenant_id_dedupe_key_unique"`,
  `alter table "bench_inbox" add constraint "bench_inbox_tenant_id_dedupe_key_unique" unique ("tenant_id", "dedupe_key")`,
  `alter table "bench_inbox" drop constraint if exists "bench_inbox_tenant_id_foreign"`,
  `alter table "bench_inbox" add constraint "bench_inbox_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade`,
];

// SQLite: its own file (two processes writing one SQLite file would measure lock contention, not
// the handler), with a tenant table so the foreign key is checked as in the service.
const sqliteDdl = [
  'create table if not exists `tenant` (`id` text not null primary key)',
  "create table if not exists `bench_inbox` (`id` integer not null primary key autoincrement, `tenant_id` text not null, `dedupe_key` text not null, `event_type` text not null, `payload` json not null, `received_at` datetime not null, `state` text not null default 'pending', `attempts` integer not null default 0, `last_error` text null, `available_at` datetime not null, `processed_at` datetime null, constraint `bench_inbox_tenant_id_foreign` foreign key(`tenant_id`) references `tenant`(`id`) on delete cascade on update cascade)",
  'create index if not exists `bench_inbox_tenant_id_index` on `bench_inbox` (`tenant_id`)',
  'create index if not exists `bench_inbox_state_available_at_index` on `bench_inbox` (`state`, `available_at`)',
  'create unique index if not exists `bench_inbox_tenant_id_dedupe_key_unique` on `bench_inbox` (`tenant_id`, `dedupe_key`)',
];

/** @returns {Promise<(row: unknown[]) => Promise<boolean>>} inserts a row; false for a duplicate */
async function openStore() {
  if (config.pgUrl) {
    // knex's default pool size, as MikroORM uses it in the service.
    const pool = new pg.Pool({ connectionString: config.pgUrl, max: 10 });
    for (const sql of postgresDdl) await pool.query(sql);
    const insert =
      'insert into "bench_inbox" ("tenant_id", "dedupe_key", "event_type", "session_id", "payload", "received_at", "state", "attempts", "last_error", "available_at", "processed_at") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning "id"';
    return async (row) => {
      try {
        await pool.query(insert, row);
        return true;
      } catch (error) {
        if (error?.code === '23505') return false;
        throw error;
      }
    };
  }
  const db = new Database(config.sqlitePath);
  db.exec('pragma foreign_keys = on');
  if (/^[a-z]+$/.test(config.journalMode ?? ''))
    db.exec(`pragma journal_mode = ${config.journalMode}`);
  // The service's connection settings (database/orm-options.ts): a commit does not wait for the
  // disk to confirm, so both sides pay the same price per insert.
  db.exec('pragma synchronous = normal');
  for (const sql of sqliteDdl) db.exec(sql);
  // As the service's migration *_inbox_session: added after the table, so it is the last column.
  const columns = db.prepare('pragma table_info(`bench_inbox`)').all();
  if (!columns.some((column) => column.name === 'session_id'))
    db.exec('alter table `bench_inbox` add column `session_id` text null');
  db.exec(
    'create index if not exists `bench_inbox_tenant_id_session_id_index` on `bench_inbox` (`tenant_id`, `session_id`)',
  );
  db.prepare('insert or ignore into `tenant` (`id`) values (?)').run(config.tenantId);
  const insert = db.prepare(
    'insert into `bench_inbox` (`tenant_id`, `dedupe_key`, `event_type`, `session_id`, `payload`, `received_at`, `state`, `attempts`, `last_error`, `available_at`, `processed_at`) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning `id`',
  );
  return (row) => {
    try {
      // Dates as epoch milliseconds, as MikroORM stores them in SQLite.
      insert.run(...row.map((value) => (value instanceof Date ? value.getTime() : value)));
      return Promise.resolve(true);
    } catch (error) {
      if (String(error?.code).startsWith('SQLITE_CONSTRAINT')) return Promise.resolve(false);
      throw error;
    }
  };
}

const store = await openStore();
const app = Fastify({ logger: false, bodyLimit: 262_144 });
// Keep the exact bytes: the signature covers them.
app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
  done(null, body),
);

app.get('/ready', () => ({ ok: true }));

app.post('/webhooks/:tenantId', async (request, reply) => {
  if (request.params.tenantId !== config.tenantId) return reply.code(404).send();
  const raw = request.body;
  const check = verifyWebhook(config.secret, request.headers, raw, {
    toleranceSeconds: DEFAULT_TOLERANCE_SECONDS,
  });
  if (!check.ok) return reply.code(401).send({ code: 'invalid_signature' });
  let body;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return reply.code(400).send({ code: 'malformed_json' });
  }
  if (typeof body?.eventType !== 'string') return reply.code(400).send();
  const now = new Date();
  const stored = await store([
    config.tenantId,
    `wh:${String(request.headers['webhook-id'])}`,
    body.eventType.slice(0, 100),
    sessionIdOfDelivery(body.eventType, body.data),
    JSON.stringify(body),
    now,
    'pending',
    0,
    null,
    now,
    null,
  ]);
  return reply.code(stored ? 204 : 200).send();
});

await app.listen({ host: '127.0.0.1', port: config.port });
