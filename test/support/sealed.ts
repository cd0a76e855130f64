import { createCipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';

const HEADER = Buffer.from([0x9e, 0x85, 0xdc, 0xed]);

/** Seals like Fingerprint does: header | nonce | AES-256-GCM(deflateRaw(json)) | tag, base64. */
export function seal(
  payload: unknown,
  key: Buffer,
  plaintext = deflateRawSync(Buffer.from(JSON.stringify(payload))),
): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([HEADER, nonce, ciphertext, cipher.getAuthTag()]).toString('base64');
}
