import type { RiskLabel } from '../risk/taxonomy.ts';
import type { Signals } from '../signals/signals.ts';
import type { ActionFacts, BotFacts, DeviceFacts, IpFacts, VelocityFacts } from './facts.ts';

/**
 * Everything one vendor said about one token, already mapped out of its wire format. This is what
 * the cache stores (never the raw HTTP body) and what the merge consumes. `view` is the vendor's own
 * typed view (its GraphQL vendor type), opaque to the merge.
 */
export interface VendorReport<View = unknown> {
  action: ActionFacts;
  device?: DeviceFacts;
  ip?: IpFacts;
  velocity?: VelocityFacts;
  bot?: BotFacts;
  labels: RiskLabel[];
  view: View;
  /** Vendor fields or enum values the mapper did not recognise (schema drift), for metrics. */
  drift: string[];
  /**
   * Parts of the answer the vendor itself reported as failed, as `<part> (<vendor's error>)`: the
   * answer is `PARTIAL`, its other parts stand. A vendor whose essential part failed throws instead.
   */
  failedParts?: string[];
  /** The signals that look this event up again, when the vendor can (a Fingerprint event id). */
  signals?: Signals;
  /**
   * Only in the answer to a device-history lookup (which is otherwise the newest event's report):
   * the device's recent events, newest first.
   */
  history?: VendorReport<View>[];
  /**
   * Only in the answer to a lookup that asked the vendor to evaluate rules the deployment keeps
   * there (a checkpoint's Fingerprint ruleset): what the rule that matched says to do.
   */
  ruleAction?: VendorRuleAction;
}

/** The verdict of a ruleset kept at a vendor, for one event. */
export interface VendorRuleAction {
  /** The vendor's own name of the fact (`rule_action`). */
  vendorCode: string;
  rulesetId: string;
  /** What the rule says; null for an action we do not know (`value` keeps it). */
  action: 'ALLOW' | 'BLOCK' | null;
  /** The vendor's value for the action, verbatim. */
  value: string;
  /** The rule that matched, and its expression; absent when none did and the ruleset's default applied. */
  ruleId?: string | undefined;
  expression?: string | undefined;
}
