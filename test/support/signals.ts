import { IP_FIELD } from '../../src/signals/signals.ts';
import { VENDOR_REGISTRY } from '../../src/vendors/registry.ts';

/** Where the shipped vendors' signals sit in `Event.id`, and their formats. */
export const LAYOUT = VENDOR_REGISTRY.signals;

/** Every `SignalsInput` field, in `Event.id` order. */
export const SIGNAL_FIELDS: readonly string[] = LAYOUT.slots.filter((field) => field !== undefined);

/** The vendors' token fields (every field but `ip`). */
export const TOKEN_FIELDS: readonly string[] = SIGNAL_FIELDS.filter((field) => field !== IP_FIELD);

/** A token field's format rule. */
export function tokenRule(field: string) {
  const rule = LAYOUT.tokens.get(field);
  if (!rule) throw new Error(`${field} is not a vendor token field`);
  return rule;
}
