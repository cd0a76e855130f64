import { createDecipheriv } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { VendorError } from '../errors.ts';

/**
 * Fingerprint sealed client results (dev.fingerprint.com/docs/sealed-client-results; the format of
 * the official SDKs' `unsealEventsResponse`): base64 of
 *
 *   header 9E 85 DC ED | 12-byte nonce | AES-256-GCM ciphertext | 16-byte GCM tag
 *
 * whose plaintext is raw-DEFLATE-compressed JSON (a v4 `Event`). Keys are tried in order, so a key
 * can be rotated by configuring the new one first and the old one until its results are gone.
 * Errors never carry key material or any part of the payload.
 */

const HEADER = Buffer.from([0x9e, 0x85, 0xdc, 0xed]);
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** A decompressed event is a few KB; this bounds what a hostile payload can make us allocate. */
const MAX_PLAINTEXT_BYTES = 4 * 1024 * 1024;

/** Decrypts and parses a sealed result with the first key that authenticates it. */
export function unsealEvent(sealedBase64: string, keys: readonly Buffer[]): unknown {
  const usable = keys.filter((key) => key.length === KEY_BYTES);
  if (usable.length === 0) {
    throw new VendorError(
      'FINGERPRINT',
      'VENDOR_NOT_CONFIGURED',
      'has no sealed-result decryption keys (32-byte AES-256 keys) configured',
    );
  }
  const sealed = Buffer.from(sealedBase64, 'base64');
  if (sealed.length <= HEADER.length + NONCE_BYTES + TAG_BYTES || !sealed.subarray(0, HEADER.length).equals(HEADER)) {
    throw new VendorError(
      'FINGERPRINT',
      'TOKEN_INVALID',
      'the sealed result is malformed (not a Fingerprint sealed result)',
    );
  }
  const nonce = sealed.subarray(HEADER.length, HEADER.length + NONCE_BYTES);
  const ciphertext = sealed.subarray(HEADER.length + NONCE_BYTES, sealed.length - TAG_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);

  const compressed = decryptWithAnyKey(nonce, ciphertext, tag, usable);
  if (!compressed) {
    throw new VendorError(
      'FINGERPRINT',
      'TOKEN_INVALID',
      'the sealed result cannot be unsealed with the configured keys',
    );
  }
  // Authenticated: from here on the content is Fingerprint's, so a failure is a bad vendor payload.
  let json: string;
  try {
    json = inflateRawSync(compressed, { maxOutputLength: MAX_PLAINTEXT_BYTES }).toString('utf8');
  } catch {
    throw new VendorError('FINGERPRINT', 'VENDOR_BAD_RESPONSE', 'the unsealed result could not be decompressed');
  }
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new VendorError('FINGERPRINT', 'VENDOR_BAD_RESPONSE', 'the unsealed result is not JSON');
  }
}

function decryptWithAnyKey(
  nonce: Buffer,
  ciphertext: Buffer,
  tag: Buffer,
  keys: readonly Buffer[],
): Buffer | undefined {
  for (const key of keys) {
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      // wrong key (authentication failed): try the next one
    }
  }
  return undefined;
}
