import type { EntityManager } from '@mikro-orm/core';
import type { SecretBox } from '../common/crypto/secret-box.js';
import { secretContext } from './installation.service.js';
import { TenantSecret } from './tenant-secret.entity.js';

const BATCH = 200;

/**
 * Re-encrypts every tenant secret not sealed with the active key (the first of
 * ENCRYPTION_KEYS). Each batch commits on its own, so an interrupted run can simply be repeated;
 * rows already on the active key are skipped.
 */
export async function rotateTenantSecrets(
  em: EntityManager,
  box: SecretBox,
): Promise<{ rotated: number; total: number }> {
  let rotated = 0;
  for (;;) {
    const count = await em.fork().transactional(async (tx) => {
      const rows = await tx.find(
        TenantSecret,
        { keyId: { $ne: box.activeKeyId } },
        { limit: BATCH, orderBy: { id: 'ASC' } },
      );
      for (const row of rows) {
        const context = secretContext(row.tenant.id, row.name);
        const sealed = box.seal(box.open(row, context), context);
        row.ciphertext = sealed.ciphertext;
        row.keyId = sealed.keyId;
      }
      return rows.length;
    });
    rotated += count;
    if (count < BATCH) break;
  }
  const total = await em.fork().count(TenantSecret, {});
  return { rotated, total };
}
