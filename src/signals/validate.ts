import { isIP } from 'node:net';
import { decodeEventId, type EventIdKey, SEALING_OVERHEAD_BYTES } from './event-id.ts';
import { SIGNAL_FIELDS, type Signals } from './signals.ts';

/**
 * Input validation before any vendor call: every token has a documented or observed format and a
 * length cap (a degraded TrustDecision black box of ~5 KB is legal; a megabyte is not). Empty
 * strings count as "not given", because frontends send them when an SDK failed to produce a token.
 */

interface Rule {
  maxLength: number;
  pattern: RegExp;
  /** Shown to the client when the value does not match. */
  expected: string;
}

/** Printable ASCII without spaces: what every vendor token observed so far consists of. */
const TOKEN = /^[\x21-\x7E]+$/;

export const SIGNAL_RULES: Readonly<Record<Exclude<keyof Signals, 'ip'>, Rule>> = {
  fingerprintEventId: {
    maxLength: 100,
    pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    expected: 'a Fingerprint event id such as 1708102555327.NLOjmg (letters, digits, ".", "_", "-"; at most 100)',
  },
  fingerprintSealedResult: {
    maxLength: 65_536,
    pattern: /^[A-Za-z0-9+/=_-]+$/,
    expected: 'a base64 Fingerprint sealed result (at most 64 KiB)',
  },
  trustDecisionBlackBox: {
    maxLength: 16_384,
    pattern: TOKEN,
    expected: 'a TrustDecision black box (printable characters without spaces; at most 16,384)',
  },
  friendlyCaptchaToken: {
    maxLength: 16_384,
    pattern: TOKEN,
    expected: 'a Friendly Captcha risk-intelligence token (printable characters without spaces; at most 16,384)',
  },
  detectIpToken: {
    maxLength: 1_024,
    pattern: TOKEN,
    expected: 'a detectip.ai session token (printable characters without spaces; at most 1,024)',
  },
  hitprobeProbeId: {
    maxLength: 22,
    pattern: /^[A-Za-z0-9_-]{22}$/,
    expected: 'a Hitprobe probe id (exactly 22 letters, digits, "_" or "-")',
  },
};

export interface SignalProblem {
  /** Argument path, for example `signals.hitprobeProbeId` or `signals[3].ip`. */
  path: string;
  message: string;
}

export type ValidatedSignals = { ok: true; signals: Signals } | { ok: false; problem: SignalProblem };

/** Validates one `SignalsInput`; `path` names the argument in error messages. */
export function validateSignals(
  input: { readonly [Field in keyof Signals]?: unknown },
  path: string,
): ValidatedSignals {
  const signals: Signals = {};
  for (const field of SIGNAL_FIELDS) {
    const value = input[field];
    if (value === undefined || value === null || value === '') continue;
    const where = `${path}.${field}`;
    if (typeof value !== 'string') return problem(where, 'must be a string');
    if (field === 'ip') {
      if (!isClientIp(value)) return problem(where, 'must be an IPv4 or IPv6 address');
    } else {
      const rule = SIGNAL_RULES[field];
      if (value.length > rule.maxLength || !rule.pattern.test(value)) return problem(where, `must be ${rule.expected}`);
    }
    signals[field] = value;
  }
  return { ok: true, signals };
}

/** Longest textual IPv6 address (IPv4-mapped, `ffff:…:255.255.255.255`). */
const MAX_IP_LENGTH = 45;

/**
 * An address a client connects from. Node's `isIP` also accepts IPv6 zone ids (`fe80::1%eth0`),
 * which name an interface of the machine that saw the address: meaningless here, and free text
 * that would travel on to Hitprobe.
 */
function isClientIp(value: string): boolean {
  return value.length <= MAX_IP_LENGTH && !value.includes('%') && isIP(value) !== 0;
}

/**
 * Longest `Event.id` that can carry valid signals: each value JSON-encoded at worst (every
 * character escaped to two, plus quotes and a comma), base64url, plus the prefix. Longer ids are
 * refused before they are decoded.
 */
export const MAX_EVENT_ID_LENGTH =
  4 +
  Math.ceil(
    (2 +
      SEALING_OVERHEAD_BYTES +
      SIGNAL_FIELDS.reduce(
        (sum, field) => sum + 3 + 2 * (field === 'ip' ? MAX_IP_LENGTH : SIGNAL_RULES[field].maxLength),
        0,
      )) /
      3,
  ) *
    4;

/**
 * Validates an `Event.id` given back to us (`_entities` representations, which arrive untyped as
 * `_Any`): a string we issued, carrying signals that pass `validateSignals`. `path` names the
 * argument in error messages; the id itself is never echoed (it encodes tokens and an IP).
 * `key` opens sealed ids (`EVENT_ID_SECRET`).
 */
export function validateEventId(id: unknown, path: string, key?: EventIdKey): ValidatedSignals {
  if (typeof id !== 'string' || id.length > MAX_EVENT_ID_LENGTH) {
    return problem(path, 'must be an Event id issued by this subgraph');
  }
  const decoded = decodeEventId(id, key);
  if (!decoded) return problem(path, 'must be an Event id issued by this subgraph');
  return validateSignals(decoded, path);
}

function problem(path: string, message: string): ValidatedSignals {
  return { ok: false, problem: { path, message: `${path} ${message}` } };
}
