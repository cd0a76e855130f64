import type { IncomingHttpHeaders } from 'node:http';
import type { Vendor } from '../../model/vendor.ts';
import type { JsonObject } from '../json.ts';
import type { Reply } from '../reply.ts';

/** One HTTP request to a simulated vendor, body already read. */
export interface VendorRequest {
  method: string;
  /** Path below the vendor's prefix (`/v4/events/abc`). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Body-level faults: the vendor's normal payload, drifted the way real vendors drift. */
export type DriftKind = 'unknownFields' | 'unknownEnums' | 'missingRequired';

/**
 * What a vendor makes of one request. The server counts `token`, consults the fault rules, and
 * then asks for the answer it needs: the normal one, the vendor's error body for a status, or its
 * "not found". Answers are computed lazily, so a request a fault swallows (hang, reset, status)
 * does not touch the vendor's state (Friendly Captcha `num_uses`, Hitprobe probes).
 */
export interface Route {
  /** The token the request is about (event id, black box, probe id…), if any. */
  token: string | undefined;
  answer(): Reply;
  /** The vendor's documented error answer for an HTTP status. */
  errorFor(status: number): Reply;
  /** The vendor's own "not found" answer for this token. */
  notFound(): Reply;
  /** Distorts a successful payload in place. */
  drift(kind: DriftKind, body: JsonObject): void;
}

/** A route whose every answer is the same error (unknown path, wrong method). */
export function fixedRoute(reply: Reply): Route {
  return {
    token: undefined,
    answer: () => reply,
    errorFor: () => reply,
    notFound: () => reply,
    drift: () => undefined,
  };
}

export interface VendorSimulator {
  vendor: Vendor;
  /** Path prefix the vendor is served under (`/fingerprint`). */
  prefix: string;
  route(request: VendorRequest): Route | Promise<Route>;
}

/** The header value as one string (first of repeated headers), or undefined. */
export function header(request: VendorRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The secret of an `Authorization: Bearer <secret>` header, or undefined. */
export function bearerToken(request: VendorRequest): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header(request, 'authorization') ?? '');
  return match?.[1]?.trim() || undefined;
}

/** Printable ASCII without spaces, like every vendor token seen so far; 16 KiB at most. */
export function isWellFormedToken(value: string): boolean {
  return value.length <= 16_384 && /^[\x21-\x7E]+$/.test(value);
}

/** Token convention: a token ending in `404` is one the vendor does not know. */
export function isUnknownToken(token: string): boolean {
  return token.endsWith('404');
}

/** Parses a JSON object body; undefined when the body is not a JSON object. */
export function jsonObjectBody(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
