import { join } from 'node:path';
import { databaseDialect, EnvValidationError, loadEnv, loadScratchEnv } from './env.js';
import { backendDir } from './paths.js';

function envError(source: Record<string, string>): EnvValidationError {
  try {
    loadEnv(source);
  } catch (error) {
    if (error instanceof EnvValidationError) return error;
    throw error;
  }
  throw new Error('loadEnv accepted an invalid environment');
}

describe('loadEnv', () => {
  it('gives defaults for an empty environment: SQLite file under the package data dir', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: 3000,
      LOG_LEVEL: 'info',
      MIGRATE_ON_START: true,
      SQLITE_PATH: join(backendDir, 'data', 'switchboard.sqlite'),
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(databaseDialect(env)).toBe('sqlite');
  });

  it('does not depend on the working directory for the default SQLite path', () => {
    expect(backendDir).toMatch(/apps[/\\]backend$/);
  });

  it('resolves a relative SQLITE_PATH against the package and keeps an absolute one', () => {
    expect(loadEnv({ SQLITE_PATH: 'tmp/x.sqlite' }).SQLITE_PATH).toBe(
      join(backendDir, 'tmp', 'x.sqlite'),
    );
    expect(loadEnv({ SQLITE_PATH: '/var/lib/sb.sqlite' }).SQLITE_PATH).toBe('/var/lib/sb.sqlite');
  });

  it('selects PostgreSQL when DATABASE_URL is set', () => {
    const env = loadEnv({ DATABASE_URL: 'postgresql://app:pw@db:5432/switchboard' });
    expect(databaseDialect(env)).toBe('postgresql');
  });

  it('treats an empty variable as unset', () => {
    const env = loadEnv({ DATABASE_URL: '', PORT: '' });
    expect(env.PORT).toBe(3000);
    expect(databaseDialect(env)).toBe('sqlite');
  });

  it('parses numbers and booleans from strings', () => {
    expect(
      loadEnv({ PORT: '8080', MIGRATE_ON_START: 'false', BODY_LIMIT_BYTES: '4096' }),
    ).toMatchObject({
      PORT: 8080,
      MIGRATE_ON_START: false,
      BODY_LIMIT_BYTES: 4096,
    });
  });

  it.each([['abc'], ['70000'], ['-1'], ['80.5']])('rejects PORT=%s naming the variable', (port) => {
    const error = envError({ PORT: port });
    expect(error.problems.map((p) => p.variable)).toEqual(['PORT']);
    expect(error.message).toMatch(/^Invalid environment configuration:\n {2}- PORT: /);
  });

  it.each([['mysql://localhost/app'], ['not a url'], ['http://db:5432/x']])(
    'rejects DATABASE_URL=%s naming the variable, without echoing the value',
    (url) => {
      const error = envError({ DATABASE_URL: url });
      expect(error.message).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
      expect(error.message).not.toContain(url);
    },
  );

  it('reports every bad variable at once', () => {
    const error = envError({ PORT: 'x', LOG_LEVEL: 'loud', MIGRATE_ON_START: 'maybe' });
    expect(error.problems.map((p) => p.variable).sort()).toEqual([
      'LOG_LEVEL',
      'MIGRATE_ON_START',
      'PORT',
    ]);
  });

  it('reads the panel frame ancestors as origins and refuses anything but http(s) URLs', () => {
    expect(loadEnv({}).PANEL_FRAME_ANCESTORS).toEqual([]);
    expect(
      loadEnv({ PANEL_FRAME_ANCESTORS: ' https://host.example/admin  http://127.0.0.1:4000 ' })
        .PANEL_FRAME_ANCESTORS,
    ).toEqual(['https://host.example', 'http://127.0.0.1:4000']);
    expect(envError({ PANEL_FRAME_ANCESTORS: 'javascript:alert(1)' }).problems[0]?.variable).toBe(
      'PANEL_FRAME_ANCESTORS.0',
    );
  });

  it('resolves ADMIN_DIST_DIR next to the backend by default', () => {
    expect(loadEnv({}).ADMIN_DIST_DIR).toBe(join(backendDir, '..', 'admin', 'dist'));
  });

  it('does not read process.env when given a source', () => {
    const saved = process.env.PORT;
    process.env.PORT = 'not-a-port';
    try {
      expect(loadEnv({}).PORT).toBe(3000);
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  });
});

describe('loadScratchEnv', () => {
  it('defaults to the local PostgreSQL server and validates TEST_PG_URL', () => {
    expect(loadScratchEnv({}).TEST_PG_URL).toBe('postgres://postgres@127.0.0.1:5432/postgres');
    expect(() => loadScratchEnv({ TEST_PG_URL: 'sqlite://x' })).toThrow(/TEST_PG_URL/);
  });
});
