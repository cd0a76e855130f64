import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { VendorReport } from '../model/report.ts';
import type { Signals } from '../signals/signals.ts';

/**
 * Vendors that push their events to us (webhooks). A descriptor says where its deliveries arrive
 * (`WebhookSupport`); a connector whose webhook secrets are configured receives them
 * (`WebhookReceiver`): it checks a delivery's signature and reads the event into the report a
 * lookup of that event would produce, so the generic endpoint (src/webhooks/) can store it in the
 * result cache under the lookup's own key.
 */

/** What the rest of the subgraph knows about a vendor's webhooks before any configuration. */
export interface WebhookSupport {
  /** Deliveries arrive at `POST /webhooks/<path>`. */
  readonly path: string;
  /** Largest delivery body read; larger ones are refused (413) unread. */
  readonly maxBodyBytes: number;
  /** The vendor's page about its webhooks, cited by the docs. */
  readonly documentation: string;
  /** Its variables that turn the endpoint on (the signing secrets) and tune it. */
  readonly variables: readonly string[];
}

/** What a delivery's signature headers say about its body. */
export type SignatureCheck = 'valid' | 'missing' | 'invalid';

/** A connector's side of webhooks, present when the vendor's signing secrets are configured. */
export interface WebhookReceiver<View = unknown> {
  /** How far an event's own timestamp may be from now, either way, for it to be stored. */
  readonly maxAgeMs: number;
  /** Checks the signature of the raw body against every configured secret; never throws. */
  verify(headers: IncomingHttpHeaders, body: Buffer): SignatureCheck;
  /**
   * The event a verified delivery carries (its JSON body, parsed). Throws `WebhookBodyError` when
   * the body is not an event this vendor sends.
   */
  read(body: unknown): PushedEvent<View>;
}

/** One event a vendor pushed, ready to be stored as its lookup's result. */
export interface PushedEvent<View = unknown> {
  /** The vendor's id of the event: a redelivery carries the same one. */
  id: string;
  /** When the event happened (epoch ms): deliveries of events outside the age window are not stored. */
  timestampMs: number;
  /** The signals of a plain query for this event: the cache key and lifetime are its lookup's. */
  signals: Signals;
  /** What a lookup of `signals` would map the vendor's answer to. */
  report: VendorReport<View>;
}

/** A verified body that is not an event the vendor sends; the message is ours and never quotes the body. */
export class WebhookBodyError extends Error {
  override readonly name = 'WebhookBodyError';
}

/** A SHA-256 digest is 32 bytes, 64 hex digits. */
const DIGEST_HEX = /^[0-9a-fA-F]{64}$/;

/**
 * Signatures compared per delivery at most: a header can carry a few (one per secret the vendor
 * signs with), not thousands.
 */
const MAX_SIGNATURES = 16;

/**
 * Whether one of `signatures` (hex) is the HMAC-SHA256 of `body` under one of `secrets`. Every
 * pair is compared in constant time on equal-length buffers and none is skipped once one matched,
 * so neither the matching secret's position (rotation) nor the first differing byte shows in the
 * timing. Anything that is not 64 hex digits never matches, without throwing.
 */
export function hmacSha256Matches(body: Buffer, secrets: readonly string[], signatures: readonly string[]): boolean {
  if (signatures.length === 0 || signatures.length > MAX_SIGNATURES) return false;
  const expected = secrets.map((secret) => createHmac('sha256', secret).update(body).digest());
  let matched = false;
  for (const signature of signatures) {
    if (!DIGEST_HEX.test(signature)) continue;
    const presented = Buffer.from(signature, 'hex');
    for (const digest of expected) matched = timingSafeEqual(presented, digest) || matched;
  }
  return matched;
}

/** A header's value as one string (repeated headers joined with commas), or undefined when absent. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
