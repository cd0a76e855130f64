export type { Vendor } from '../vendors/registry.ts';

/** Outcome of consulting one vendor for one token (GraphQL `SourceState`). */
export const SOURCE_STATES = [
  'OK',
  'PARTIAL',
  'NOT_FOUND',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'TIMEOUT',
  'RATE_LIMITED',
  'QUOTA_EXCEEDED',
  'UNAVAILABLE',
  'BAD_RESPONSE',
  'NOT_CONFIGURED',
  'SKIPPED',
] as const;
export type SourceState = (typeof SOURCE_STATES)[number];
