import { randomBytes } from 'node:crypto';
import { SecretBox, UnknownEncryptionKeyError } from './secret-box.js';

const k1 = { keyId: 'k1', key: randomBytes(32) };
const k2 = { keyId: 'k2', key: randomBytes(32) };

describe('SecretBox', () => {
  it('round-trips a secret and never stores the plaintext', () => {
    const box = new SecretBox([k1]);
    const sealed = box.seal('hunter2-very-secret', 'tenant-1/clientSecret');
    expect(sealed.keyId).toBe('k1');
    expect(sealed.ciphertext).not.toContain('hunter2');
    expect(Buffer.from(sealed.ciphertext, 'base64').toString('latin1')).not.toContain('hunter2');
    expect(box.open(sealed, 'tenant-1/clientSecret')).toBe('hunter2-very-secret');
  });

  it('uses a fresh IV each time', () => {
    const box = new SecretBox([k1]);
    expect(box.seal('same', 'c').ciphertext).not.toBe(box.seal('same', 'c').ciphertext);
  });

  it('refuses a ciphertext moved to another context (tenant or secret name)', () => {
    const box = new SecretBox([k1]);
    const sealed = box.seal('value', 'tenant-1/clientSecret');
    expect(() => box.open(sealed, 'tenant-2/clientSecret')).toThrow();
  });

  it('refuses a tampered ciphertext', () => {
    const box = new SecretBox([k1]);
    const raw = Buffer.from(box.seal('value', 'c').ciphertext, 'base64');
    raw[raw.length - 1] = (raw.at(-1) ?? 0) ^ 1;
    expect(() => box.open({ ciphertext: raw.toString('base64'), keyId: 'k1' }, 'c')).toThrow();
  });

  it('encrypts with the first key and decrypts with any listed key', () => {
    const old = new SecretBox([k1]).seal('value', 'c');
    const rotated = new SecretBox([k2, k1]);
    expect(rotated.activeKeyId).toBe('k2');
    expect(rotated.isStale(old)).toBe(true);
    expect(rotated.open(old, 'c')).toBe('value');
    const fresh = rotated.seal('value', 'c');
    expect(fresh.keyId).toBe('k2');
    expect(rotated.isStale(fresh)).toBe(false);
  });

  it('names the missing key when a row uses a key no longer configured', () => {
    const sealed = new SecretBox([k1]).seal('value', 'c');
    expect(() => new SecretBox([k2]).open(sealed, 'c')).toThrow(UnknownEncryptionKeyError);
  });
});
