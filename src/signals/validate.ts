import { decodeEventId, type EventIdKey } from './event-id.ts';
import { isClientIp } from './ip.ts';
import type { SignalLayout } from './layout.ts';
import { IP_FIELD, type Signals } from './signals.ts';

/**
 * Input validation before any vendor call: every token has a documented or observed format and a
 * length cap (its vendor's descriptor says which), and `ip` must be a client address. Empty
 * strings count as "not given", because frontends send them when an SDK failed to produce a token.
 */

export interface SignalProblem {
  /** Argument path, for example `signals.hitprobeProbeId` or `signals[3].ip`. */
  path: string;
  message: string;
}

export type ValidatedSignals = { ok: true; signals: Signals } | { ok: false; problem: SignalProblem };

/** Validates one `SignalsInput`; `path` names the argument in error messages. */
export function validateSignals(
  input: Readonly<Record<string, unknown>>,
  path: string,
  layout: SignalLayout,
): ValidatedSignals {
  const signals: Record<string, string> = {};
  for (const field of layout.slots) {
    if (field === undefined) continue;
    const value = input[field];
    if (value === undefined || value === null || value === '') continue;
    const where = `${path}.${field}`;
    if (typeof value !== 'string') return problem(where, 'must be a string');
    if (field === IP_FIELD) {
      if (!isClientIp(value)) return problem(where, 'must be an IPv4 or IPv6 address');
    } else {
      const rule = layout.tokens.get(field);
      if (rule && (value.length > rule.maxLength || !rule.pattern.test(value)))
        return problem(where, `must be ${rule.expected}`);
    }
    signals[field] = value;
  }
  return { ok: true, signals };
}

/**
 * Validates an `Event.id` given back to us (`_entities` representations, which arrive untyped as
 * `_Any`): a string we issued, carrying signals that pass `validateSignals`. `path` names the
 * argument in error messages; the id itself is never echoed (it encodes tokens and an IP).
 * `key` opens sealed ids (`EVENT_ID_SECRET`).
 */
export function validateEventId(id: unknown, path: string, layout: SignalLayout, key?: EventIdKey): ValidatedSignals {
  if (typeof id !== 'string' || id.length > layout.maxEventIdLength) {
    return problem(path, 'must be an Event id issued by this subgraph');
  }
  const decoded = decodeEventId(id, layout, key);
  if (!decoded) return problem(path, 'must be an Event id issued by this subgraph');
  return validateSignals(decoded, path, layout);
}

function problem(path: string, message: string): ValidatedSignals {
  return { ok: false, problem: { path, message: `${path} ${message}` } };
}
