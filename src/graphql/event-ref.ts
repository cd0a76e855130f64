import type { Vendor } from '../model/vendor.ts';
import type { Signals } from '../signals/signals.ts';

/**
 * The parent object of every `Event`: the signals, and the vendors the query's selection on this
 * event needs (computed once where the event enters the query, so `sources` can report the other
 * vendors as `SKIPPED` without calling them).
 */
export interface EventRef {
  signals: Signals;
  planned: ReadonlySet<Vendor>;
}
