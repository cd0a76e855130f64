import type { SignalField } from '../vendors/descriptor.ts';
import { SEALING_OVERHEAD_BYTES } from './event-id.ts';
import { MAX_IP_LENGTH } from './ip.ts';
import { IP_FIELD } from './signals.ts';

/**
 * Where every signal sits in the `Event.id` encoding, and the longest id valid signals can make.
 * Built once per vendor registry from the vendors' token fields plus `ip`.
 */
export interface SignalLayout {
  /** Every vendor token field, by name. */
  readonly tokens: ReadonlyMap<string, SignalField>;
  /** Field names by `Event.id` slot (`ip` included); undefined for a slot no field takes. */
  readonly slots: readonly (string | undefined)[];
  /** Longest `Event.id` that can carry valid signals; longer ids are refused before decoding. */
  readonly maxEventIdLength: number;
}

/** `ip` took slot 6 when the first five vendors' fields took 0 to 5; slots are forever. */
const IP_SLOT = 6;

/** Prefix of every id (`ev1_`, `ev2_`). */
const PREFIX_LENGTH = 4;

export function signalLayout(tokens: readonly SignalField[]): SignalLayout {
  const slots: (string | undefined)[] = [];
  const byName = new Map<string, SignalField>();
  const place = (field: string, slot: number) => {
    if (slots[slot] !== undefined) throw new Error(`Event.id slot ${slot} is taken by ${slots[slot]} and ${field}`);
    if (byName.has(field) || (field === IP_FIELD && slot !== IP_SLOT)) throw new Error(`signal ${field} twice`);
    slots[slot] = field;
  };
  place(IP_FIELD, IP_SLOT);
  for (const token of tokens) {
    place(token.field, token.eventIdSlot);
    byName.set(token.field, token);
  }
  return { tokens: byName, slots: Array.from(slots), maxEventIdLength: maxEventIdLength(slots, byName) };
}

/**
 * Each value JSON-encoded at worst (every character escaped to two, plus quotes and a comma, and
 * `null,` for an empty slot), sealed, base64url, plus the prefix.
 */
function maxEventIdLength(slots: readonly (string | undefined)[], tokens: ReadonlyMap<string, SignalField>): number {
  const payload = slots.reduce((sum, field) => {
    if (field === undefined) return sum + 5;
    const maxLength = field === IP_FIELD ? MAX_IP_LENGTH : (tokens.get(field)?.maxLength ?? 0);
    return sum + 3 + 2 * maxLength;
  }, 2 + SEALING_OVERHEAD_BYTES);
  return PREFIX_LENGTH + Math.ceil(payload / 3) * 4;
}
