import type { Checkpoints } from '../risk/checkpoint.ts';
import type { EventIdKey } from '../signals/event-id.ts';
import type { RequestSources } from '../sources/request-sources.ts';
import type { VendorRegistry } from '../vendors/registry.ts';
import type { VendorErrorCollector } from './errors/vendor-errors.ts';
import type { CacheHints } from './execution/cache-hints.ts';

/** What every resolver receives for one GraphQL request. */
export interface RequestContext {
  /** The vendors this deployment knows. */
  vendors: VendorRegistry;
  /** Vendor data, loaded at most once per (vendor, token) in this request. */
  sources: RequestSources;
  /** Vendor failures to report beside the partial data. */
  vendorErrors: VendorErrorCollector;
  /** What resolvers learned about how long their answers may be cached (the `Cache-Control` header). */
  cacheHints: CacheHints;
  /** The checkpoints `Event.risk` judges by, as they were when the request arrived (reloads swap them). */
  checkpoints: Checkpoints;
  /** Whether `Mutation.reportOutcome` may send outcomes to vendors. */
  feedbackEnabled: boolean;
  /** Seals `Event.id` when `EVENT_ID_SECRET` is set. */
  eventIdKey: EventIdKey | undefined;
  /** Aborts when the request deadline passes or the client goes away. */
  signal: AbortSignal;
}
