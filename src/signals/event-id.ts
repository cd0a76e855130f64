import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import type { SignalLayout } from './layout.ts';
import type { Signals } from './signals.ts';

/**
 * `Event.id`: a stable encoding of the signals, so another subgraph can store it and `_entities`
 * can resolve the same event later without any storage on our side. Fields are positional (their
 * `eventIdSlot`, see `layout.ts`) so the id stays short and its encoding cannot depend on key order.
 *
 * Two versions:
 * - `ev1_`: base64url of the signals. Anyone holding the id can read the tokens and the IP in it.
 * - `ev2_` (with `EVENT_ID_SECRET`): the same, sealed with AES-256-GCM. The nonce is an HMAC of
 *   the plaintext (deterministic, "synthetic IV" style) so the same signals still give the same id,
 *   which is what lets other subgraphs join on it; the price is that equal ids reveal equal signals.
 * Both versions are always accepted, so turning the secret on does not break stored ids.
 */

const PLAIN = 'ev1_';
const SEALED = 'ev2_';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Bytes sealing adds to an id's payload (before base64url). */
export const SEALING_OVERHEAD_BYTES = NONCE_BYTES + TAG_BYTES;

/** Keys derived from `EVENT_ID_SECRET`: one to encrypt, one to derive nonces. */
export interface EventIdKey {
  encryption: Buffer;
  nonce: Buffer;
}

export function eventIdKey(secret: string): EventIdKey {
  const material = Buffer.from(hkdfSync('sha256', secret, 'device-intelligence-subgraph', 'event-id v2', 64));
  return { encryption: material.subarray(0, 32), nonce: material.subarray(32) };
}

export function encodeEventId(signals: Signals, layout: SignalLayout, key?: EventIdKey): string {
  const values = layout.slots.map((field) => (field === undefined ? null : (signals[field] ?? null)));
  while (values.length > 0 && values[values.length - 1] === null) values.pop();
  const json = JSON.stringify(values);
  if (!key) return PLAIN + Buffer.from(json).toString('base64url');
  // Sealing is deterministic (the nonce is derived from the plaintext): an event asked about again
  // gets its id from memory instead of an HMAC and an encryption.
  let recent = recentIds.get(key);
  if (!recent) {
    recent = new Map();
    recentIds.set(key, recent);
  }
  const known = recent.get(json);
  if (known !== undefined) return known;
  const plaintext = Buffer.from(json);
  const nonce = createHmac('sha256', key.nonce).update(plaintext).digest().subarray(0, NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.encryption, nonce);
  const sealed = Buffer.concat([nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  const id = SEALED + sealed.toString('base64url');
  if (recent.size >= MAX_RECENT_IDS) recent.clear();
  recent.set(json, id);
  return id;
}

/** Ids sealed lately, per key, by plaintext: emptied when full, like the cache's recent keys. */
const recentIds = new WeakMap<EventIdKey, Map<string, string>>();
const MAX_RECENT_IDS = 10_000;

/** The signals an id encodes, or undefined when it is not an id this subgraph issued. */
export function decodeEventId(id: string, layout: SignalLayout, key?: EventIdKey): Signals | undefined {
  if (id.startsWith(PLAIN)) return signalsOf(Buffer.from(id.slice(PLAIN.length), 'base64url'), layout);
  if (!id.startsWith(SEALED) || !key) return undefined;
  const sealed = Buffer.from(id.slice(SEALED.length), 'base64url');
  if (sealed.length < NONCE_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.encryption, sealed.subarray(0, NONCE_BYTES));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return signalsOf(
      Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, -TAG_BYTES)), decipher.final()]),
      layout,
    );
  } catch {
    return undefined; // another secret, or tampered with
  }
}

function signalsOf(plaintext: Buffer, layout: SignalLayout): Signals | undefined {
  let values: unknown;
  try {
    values = JSON.parse(plaintext.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(values) || values.length > layout.slots.length) return undefined;
  const signals: Record<string, string> = {};
  for (const [slot, value] of values.entries()) {
    if (value === null) continue;
    const field = layout.slots[slot];
    if (typeof value !== 'string' || field === undefined) return undefined;
    signals[field] = value;
  }
  return signals;
}
