import { randomBytes } from 'node:crypto';
import { EnvValidationError, loadEnv, requireServiceEnv } from '../../config/env.js';

const key32 = randomBytes(32).toString('base64');
const platform = `whsec_${randomBytes(32).toString('base64')}`;

function problems(source: Record<string, string>): EnvValidationError['problems'] {
  try {
    requireServiceEnv(loadEnv(source));
  } catch (error) {
    if (error instanceof EnvValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected the environment to be refused');
}

describe('ENCRYPTION_KEYS, PLATFORM_SECRETS and JWT_AUDIENCE', () => {
  it('parses keys in order (first encrypts) and platform secrets as a list', () => {
    const other = randomBytes(32).toString('base64');
    const env = requireServiceEnv(
      loadEnv({
        ENCRYPTION_KEYS: `new:${key32}, old:${other}`,
        PLATFORM_SECRETS: `${platform},${platform}`,
      }),
    );
    expect(env.ENCRYPTION_KEYS.map((entry) => entry.keyId)).toEqual(['new', 'old']);
    expect(env.ENCRYPTION_KEYS[0]?.key).toEqual(Buffer.from(key32, 'base64'));
    expect(env.PLATFORM_SECRETS).toEqual([platform, platform]);
    expect(env.JWT_AUDIENCE).toBe('switchboard');
  });

  it.each([
    ['a key that is not 32 bytes', `k1:${randomBytes(16).toString('base64')}`],
    ['a key without an id', key32],
    ['a duplicate key id', `k1:${key32},k1:${key32}`],
  ])('refuses %s, naming the variable but not the value', (_label, value) => {
    const found = problems({ ENCRYPTION_KEYS: value, PLATFORM_SECRETS: platform });
    expect(found.map((problem) => problem.variable)).toEqual(['ENCRYPTION_KEYS']);
    expect(JSON.stringify(found)).not.toContain(key32);
  });

  it('refuses a platform secret that is not whsec_<base64>', () => {
    const found = problems({ ENCRYPTION_KEYS: `k1:${key32}`, PLATFORM_SECRETS: 'hunter2' });
    expect(found).toEqual([
      { variable: 'PLATFORM_SECRETS', message: expect.not.stringContaining('hunter2') },
    ]);
  });

  it('requires both to serve', () => {
    expect(problems({}).map((problem) => problem.variable)).toEqual([
      'PLATFORM_SECRETS',
      'ENCRYPTION_KEYS',
    ]);
  });
});
