import { SIGNAL_FIELDS as FIELDS, type Signals } from './signals.ts';

/**
 * `Event.id`: an opaque, stable encoding of the signals, so another subgraph can store it and
 * `_entities` can resolve the same event later without any storage on our side. Versioned; fields
 * are positional so the id stays short and its encoding cannot depend on key order.
 *
 * Not encrypted: an id reveals the tokens and the IP it was built from. Treat it as personal data
 * (it is tagged `pii`).
 */

const PREFIX = 'ev1_';
export function encodeEventId(signals: Signals): string {
  const values = FIELDS.map((field) => signals[field] ?? null);
  while (values.length > 0 && values[values.length - 1] === null) values.pop();
  return PREFIX + Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The signals an id encodes, or undefined when it is not an id this subgraph issued. */
export function decodeEventId(id: string): Signals | undefined {
  if (!id.startsWith(PREFIX)) return undefined;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(id.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(values) || values.length > FIELDS.length) return undefined;
  const signals: Signals = {};
  for (const [index, value] of values.entries()) {
    if (value === null) continue;
    if (typeof value !== 'string') return undefined;
    signals[FIELDS[index] as keyof Signals] = value;
  }
  return signals;
}
