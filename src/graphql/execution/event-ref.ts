import type { Vendor } from '../../model/vendor.ts';
import type { Signals } from '../../signals/signals.ts';
import type { SourceOutcome } from '../../sources/outcome.ts';

/**
 * The parent object of every `Event`: the signals, the vendors the query's selection on this event
 * needs (computed once where the event enters the query, so `sources` can report the other vendors
 * as `SKIPPED` without calling them), and, once `preloadEvents` ran, those vendors' outcomes.
 */
export interface EventRef {
  signals: Signals;
  planned: ReadonlySet<Vendor>;
  outcomes?: ReadonlyMap<Vendor, SourceOutcome>;
}
