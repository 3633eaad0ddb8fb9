// `pnpm secrets:rotate`: re-encrypts every tenant secret with the active (first) key of
// ENCRYPTION_KEYS. Put the new key first, keep the old ones listed, run this, then drop them.
import { MikroORM } from '@mikro-orm/core';
import { SecretBox } from '../common/crypto/secret-box.js';
import { EnvValidationError, loadEnv } from '../config/env.js';
import { ormOptions } from '../database/orm-options.js';
import { rotateTenantSecrets } from '../installation/secret-rotation.js';

async function main(): Promise<void> {
  const env = loadEnv();
  if (env.ENCRYPTION_KEYS === undefined) {
    throw new EnvValidationError([{ variable: 'ENCRYPTION_KEYS', message: 'is required' }]);
  }
  const box = new SecretBox(env.ENCRYPTION_KEYS);
  const orm = await MikroORM.init(ormOptions(env));
  try {
    const { rotated, total } = await rotateTenantSecrets(orm.em, box);
    console.info(
      `Re-encrypted ${rotated} of ${total} tenant secret(s) with key "${box.activeKeyId}"`,
    );
  } finally {
    await orm.close(true);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvValidationError ? error.message : error);
  process.exitCode = 1;
});
