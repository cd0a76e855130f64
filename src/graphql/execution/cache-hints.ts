import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import type { GraphQLResolveInfo } from 'graphql';
import type { SourceOutcome } from '../../sources/outcome.ts';

/**
 * Dynamic cache hints: how long a router's response cache may reuse what a field resolved.
 *
 * The static `@cacheControl` directives in schema/ give the frame: every `Event` and `Device` is
 * PRIVATE (it describes one person's device and action), `Event` may be kept for
 * `IMMUTABLE_MAX_AGE_SECONDS` by default, nested objects inherit their parent's maxAge, and
 * `Event.sources` (latency, cache hits) is never cacheable. The fields that consult vendors then
 * lower the hint to what the vendors' answers allow, because one static number cannot fit a
 * field merged from an immutable Fingerprint event and a 30-second detectip.ai verdict.
 *
 * Hints only ever restrict (never `setCacheHint`, which replaces): several representations or
 * vendors feeding one field must end with the shortest of their lifetimes.
 */

/** Data that never changes once issued (an event id, a device known only by its id). Matches `Event`'s `@cacheControl`. */
export const IMMUTABLE_MAX_AGE_SECONDS = 86_400;

/**
 * A device looked up by id is its visitor's latest Fingerprint event, and `recentEvents` grows
 * with every identification: a minute of staleness is what a router may serve.
 */
export const DEVICE_LOOKUP_MAX_AGE_SECONDS = 60;

/** Limits the field being resolved to `maxAge` seconds, PRIVATE. No-op outside Apollo Server. */
export function restrictCacheHint(info: GraphQLResolveInfo, maxAge: number): void {
  maybeCacheControlFromInfo(info)?.cacheHint.restrict({ maxAge, scope: 'PRIVATE' });
}

/**
 * Limits the field to the shortest life among the vendor answers it was built from: a failed
 * vendor (maxAge 0) makes it uncacheable, so a partial answer is never served from a cache after
 * the vendor recovers.
 */
export function restrictToOutcomes(info: GraphQLResolveInfo, outcomes: readonly SourceOutcome[]): void {
  for (const outcome of outcomes) restrictCacheHint(info, outcome.maxAgeSeconds);
}
