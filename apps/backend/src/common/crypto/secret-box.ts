import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface EncryptionKey {
  keyId: string;
  /** 32 bytes. */
  key: Buffer;
}

export interface SealedSecret {
  /** base64 of iv (12 bytes) ‖ auth tag (16 bytes) ‖ ciphertext. */
  ciphertext: string;
  keyId: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class UnknownEncryptionKeyError extends Error {
  constructor(keyId: string) {
    super(`No encryption key "${keyId}" in ENCRYPTION_KEYS (was it removed before rotating?)`);
    this.name = 'UnknownEncryptionKeyError';
  }
}

/**
 * AES-256-GCM for secrets at rest. The first key encrypts; every listed key decrypts, so a new
 * key can be put in front, existing rows re-encrypted (`pnpm secrets:rotate`), and the old key
 * removed afterwards. `context` is bound as additional authenticated data: a ciphertext copied
 * to another row (another tenant, another secret) fails to decrypt.
 */
export class SecretBox {
  private readonly keys: ReadonlyMap<string, Buffer>;
  readonly activeKeyId: string;

  constructor(keys: readonly EncryptionKey[]) {
    const [active] = keys;
    if (active === undefined) throw new Error('SecretBox needs at least one key');
    for (const { keyId, key } of keys) {
      if (key.length !== 32) throw new Error(`Encryption key "${keyId}" is not 32 bytes`);
    }
    this.activeKeyId = active.keyId;
    this.keys = new Map(keys.map(({ keyId, key }) => [keyId, key]));
  }

  seal(plaintext: string, context: string): SealedSecret {
    const key = this.key(this.activeKeyId);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'),
      keyId: this.activeKeyId,
    };
  }

  open(sealed: SealedSecret, context: string): string {
    const raw = Buffer.from(sealed.ciphertext, 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('Sealed secret is truncated');
    const decipher = createDecipheriv(
      'aes-256-gcm',
      this.key(sealed.keyId),
      raw.subarray(0, IV_BYTES),
    );
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([
      decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }

  /** Whether a sealed value should be re-encrypted with the active key. */
  isStale(sealed: Pick<SealedSecret, 'keyId'>): boolean {
    return sealed.keyId !== this.activeKeyId;
  }

  private key(keyId: string): Buffer {
    const key = this.keys.get(keyId);
    if (key === undefined) throw new UnknownEncryptionKeyError(keyId);
    return key;
  }
}
