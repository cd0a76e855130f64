import type { JsonObject } from '../../json.ts';
import type { Reply } from '../../reply.ts';
import type { DriftKind, VendorRequest } from '../types.ts';
import type { FpEvent } from './event.ts';
import type { UpdateFields } from './update.ts';

/** What differs between Server API v4 and v3: auth, error bodies, payload shapes, drift. */
export interface ApiVersion {
  /** The 403 answer when the secret key is missing or wrong; undefined when it is right. */
  authError(request: VendorRequest): Reply | undefined;
  /** The documented error answer for an HTTP status; 404 depends on what was looked up. */
  error(status: number, subject: 'event' | 'visitor'): Reply;
  /** 400 for a request the vendor cannot parse. */
  invalid(message: string): Reply;
  /** v3 search requires `limit`; v4 defaults it to 10. */
  limitRequired: boolean;
  /** Whether event lookups evaluate a `ruleset_id` (v4 only). */
  rulesets: boolean;
  /** How the update-event body names its fields. */
  updateFields: UpdateFields;
  /** Events older than this cannot be updated (v4: one month; v3: ten days). */
  maxUpdateAgeMs: number;
  render(event: FpEvent): JsonObject;
  /**
   * The answer when products failed (`PRODUCT_FAILURES`: product → error code, `*` for all): v3
   * says so per product in a 200, v4 answers the HTTP error instead.
   */
  failed(failures: Readonly<Record<string, string>>, event: FpEvent): Reply;
  /** The event as an Automation Intelligence (edge) event: v4 only, v3 does not know them. */
  edge(event: FpEvent): Reply;
  searchBody(events: JsonObject[]): JsonObject;
  /** Distorts one rendered event in place. */
  drift(kind: DriftKind, event: JsonObject): void;
}

/** `{ error: { code, message } }`: the error body of both versions (codes differ). */
export function errorReply(status: number, code: string, message: string, headers?: Record<string, string>): Reply {
  return { status, body: { type: 'json', value: { error: { code, message } } }, ...(headers ? { headers } : {}) };
}
