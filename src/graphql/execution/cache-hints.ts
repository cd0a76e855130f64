import type { BaseContext, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { type FieldNode, type GraphQLResolveInfo, isCompositeType } from 'graphql';
import type { SourceOutcome } from '../../sources/outcome.ts';
import type { RequestHooks } from '../request-hooks.ts';
import {
  type CacheHint,
  DEFAULT_MAX_AGE,
  type DocumentPolicy,
  documentPolicy,
  restrict,
  typeAnnotation,
} from './cache-policy.ts';

/**
 * Dynamic cache hints: how long a router's response cache may reuse what a field resolved.
 *
 * The static `@cacheControl` directives in schema/ give the frame (read per document in
 * cache-policy.ts): every `Event` and `Device` is PRIVATE (it describes one person's device and
 * action), `Event` may be kept for `IMMUTABLE_MAX_AGE_SECONDS` by default, nested objects inherit
 * their parent's maxAge, and `Event.sources` (latency, cache hits) is never cacheable. The fields
 * that consult vendors then lower the hint to what the vendors' answers allow, because one static
 * number cannot fit a field merged from an immutable Fingerprint event and a 30-second
 * detectip.ai verdict.
 *
 * Hints only ever restrict: several representations or vendors feeding one field must end with the
 * shortest of their lifetimes.
 */

/** Data that never changes once issued (an event id, a device known only by its id). Matches `Event`'s `@cacheControl`. */
export const IMMUTABLE_MAX_AGE_SECONDS = 86_400;

/**
 * A device looked up by id is its visitor's latest Fingerprint event, and `recentEvents` grows
 * with every identification: a minute of staleness is what a router may serve.
 */
export const DEVICE_LOOKUP_MAX_AGE_SECONDS = 60;

/** What the resolvers of one request restricted, to combine with the document's static policy. */
export class CacheHints {
  /** Restrictions of nested fields: each only lowers the response's policy. */
  readonly #nested: CacheHint = {};
  /** Restrictions of root fields, which matter more: without one, a root field without a maxAge is uncacheable. */
  readonly #roots = new Map<FieldNode, CacheHint>();

  restrict(info: GraphQLResolveInfo, hint: CacheHint): void {
    const node = info.fieldNodes[0];
    if (info.path.prev !== undefined || !node) {
      restrict(this.#nested, hint);
      return;
    }
    let root = this.#roots.get(node);
    if (!root) {
      root = {};
      this.#roots.set(node, root);
    }
    restrict(root, hint);
  }

  /** The response's policy: the document's, narrowed by what the resolvers restricted. */
  policy(document: DocumentPolicy): CacheHint {
    const policy: CacheHint = { ...document.hint };
    restrict(policy, this.#nested);
    for (const [node, hint] of this.#roots) if (!document.awaitingRoots.has(node)) restrict(policy, hint);
    for (const [node, hint] of document.awaitingRoots) {
      const field: CacheHint = { ...hint };
      const restricted = this.#roots.get(node);
      if (restricted) restrict(field, restricted);
      restrict(policy, field.maxAge === undefined ? { ...field, maxAge: DEFAULT_MAX_AGE } : field);
    }
    return policy;
  }
}

/** Limits the field being resolved to `maxAge` seconds, PRIVATE. */
export function restrictCacheHint(hints: CacheHints, info: GraphQLResolveInfo, maxAge: number): void {
  hints.restrict(info, { maxAge, scope: 'PRIVATE' });
}

/**
 * Limits the field to the shortest life among the vendor answers it was built from: a failed
 * vendor (maxAge 0) makes it uncacheable, so a partial answer is never served from a cache after
 * the vendor recovers.
 */
export function restrictToOutcomes(
  hints: CacheHints,
  info: GraphQLResolveInfo,
  outcomes: readonly SourceOutcome[],
): void {
  for (const outcome of outcomes) restrictCacheHint(hints, info, outcome.maxAgeSeconds);
}

/**
 * Limits an `_entities` field by the `@cacheControl` of an entity type it resolves, as
 * @apollo/subgraph does for each representation when Apollo's own cache-control plugin runs.
 */
export function restrictToEntityType(hints: CacheHints, info: GraphQLResolveInfo, typeName: string): void {
  const type = info.schema.getType(typeName);
  // `restrict` reads the annotation's maxAge and scope; `inheritMaxAge` means nothing here.
  if (isCompositeType(type)) hints.restrict(info, typeAnnotation(type));
}

/** The header Apollo's plugin answers when a response may not be cached. */
const UNCACHEABLE = 'no-store';
const CACHEABLE_HEADER = /^max-age=(\d+), (public|private)$/;

/**
 * Sets `Cache-Control` from the request's policy, as Apollo Server's cache-control plugin does
 * (which app.ts disables): `max-age=N, private|public` for a complete, cacheable answer, else
 * `no-store`. Runs after the vendor errors have joined the response: a partial answer is never
 * cacheable.
 */
export function cachePolicyHooks<Context extends BaseContext & { cacheHints: CacheHints }>(): RequestHooks<Context> {
  return {
    willSendResponse(request) {
      const { operation, document, schema, contextValue } = request;
      if (operation && document) {
        const variables = request.request.variables ?? {};
        request.overallCachePolicy.restrict(
          contextValue.cacheHints.policy(documentPolicy(schema, document, operation, variables)),
        );
      }
      setCacheControlHeader(request);
    },
  };
}

function setCacheControlHeader({ response, overallCachePolicy }: GraphQLRequestContextWillSendResponse<BaseContext>) {
  const headers = response.http.headers;
  const existing = headers.get('cache-control');
  const policy: CacheHint = { ...overallCachePolicy.policyIfCacheable() };
  if (existing !== undefined && existing !== UNCACHEABLE) {
    // Someone else (a plugin) set a header: keep a header we cannot read, narrow one we can.
    const match = CACHEABLE_HEADER.exec(existing);
    if (!match) return;
    restrict(policy, { maxAge: Number(match[1]), scope: match[2] === 'public' ? 'PUBLIC' : 'PRIVATE' });
  }
  const cacheable =
    existing !== UNCACHEABLE &&
    policy.maxAge !== undefined &&
    policy.maxAge > 0 &&
    response.body.kind === 'single' &&
    !response.body.singleResult.errors;
  headers.set(
    'cache-control',
    cacheable ? `max-age=${policy.maxAge}, ${(policy.scope ?? 'PUBLIC').toLowerCase()}` : UNCACHEABLE,
  );
}
