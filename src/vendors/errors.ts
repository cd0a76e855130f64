import type { SourceState, Vendor } from '../model/vendor.ts';

/**
 * Stable codes for everything that can go wrong with a vendor. Clients see them as
 * `errors[].extensions.code` and `SourceStatus.errorCode`; dashboards and alerts key on them.
 */
export const VENDOR_ERROR_CODES = [
  'VENDOR_NOT_CONFIGURED',
  'VENDOR_TIMEOUT',
  'VENDOR_RATE_LIMITED',
  'VENDOR_QUOTA_EXCEEDED',
  'VENDOR_AUTH_FAILED',
  'VENDOR_UNAVAILABLE',
  'VENDOR_BAD_RESPONSE',
  'VENDOR_PARTIAL_RESPONSE',
  'TOKEN_NOT_FOUND',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'VENDOR_RETRY_LATER',
  'VENDOR_RULESET_NOT_FOUND',
] as const;
export type VendorErrorCode = (typeof VENDOR_ERROR_CODES)[number];

const SOURCE_STATE: Record<VendorErrorCode, Exclude<SourceState, 'SKIPPED'>> = {
  VENDOR_NOT_CONFIGURED: 'NOT_CONFIGURED',
  VENDOR_TIMEOUT: 'TIMEOUT',
  VENDOR_RATE_LIMITED: 'RATE_LIMITED',
  VENDOR_QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  VENDOR_AUTH_FAILED: 'UNAVAILABLE',
  VENDOR_UNAVAILABLE: 'UNAVAILABLE',
  VENDOR_BAD_RESPONSE: 'BAD_RESPONSE',
  VENDOR_PARTIAL_RESPONSE: 'PARTIAL',
  TOKEN_NOT_FOUND: 'NOT_FOUND',
  TOKEN_INVALID: 'TOKEN_INVALID',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  VENDOR_RETRY_LATER: 'UNAVAILABLE',
  VENDOR_RULESET_NOT_FOUND: 'UNAVAILABLE',
};

export interface VendorErrorOptions {
  /** HTTP status the vendor answered, when it answered. */
  httpStatus?: number | undefined;
  /** The vendor's own error code (for example `event_not_found`), for logs. Never a secret. */
  vendorCode?: string | undefined;
  /** How long the vendor asked us to wait before retrying (`Retry-After`). */
  retryAfterMs?: number | undefined;
  /**
   * False only when the request provably never reached the vendor (connection refused, DNS
   * failure). Non-idempotent calls (Hitprobe) may be retried only then.
   */
  reachedVendor?: boolean;
  /** What caused it (a transport error, an exception in a mapper), for logs. */
  cause?: unknown;
  /** Set by `VendorError.unexpected` only. */
  unexpected?: boolean;
}

/**
 * The only error the vendor layer throws. Its message is ours, written for clients (the GraphQL
 * layer prefixes the vendor's name): it never contains a vendor body, a URL or a credential. The
 * `cause` may, so it goes to logs only, never to a client.
 */
export class VendorError extends Error {
  override readonly name = 'VendorError';
  readonly code: VendorErrorCode;
  readonly vendor: Vendor;
  readonly httpStatus: number | undefined;
  readonly vendorCode: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly reachedVendor: boolean;
  /** True when the error is ours: an exception in a client or mapper, not something the vendor did. */
  readonly unexpected: boolean;

  constructor(vendor: Vendor, code: VendorErrorCode, message: string, options: VendorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.vendor = vendor;
    this.code = code;
    this.httpStatus = options.httpStatus;
    this.vendorCode = options.vendorCode;
    this.retryAfterMs = options.retryAfterMs;
    this.reachedVendor = options.reachedVendor ?? true;
    this.unexpected = options.unexpected ?? false;
  }

  get sourceState(): Exclude<SourceState, 'SKIPPED'> {
    return SOURCE_STATE[this.code];
  }

  static notConfigured(vendor: Vendor): VendorError {
    return new VendorError(vendor, 'VENDOR_NOT_CONFIGURED', 'has no credentials in this deployment', {
      reachedVendor: false,
    });
  }

  /** The deadline (or the attempt timeout) passed without an answer. */
  static timeout(vendor: Vendor, options: VendorErrorOptions = {}): VendorError {
    return new VendorError(vendor, 'VENDOR_TIMEOUT', 'no answer within the request deadline', options);
  }

  /** The vendor failed, or could not be reached; worth another try. */
  static unavailable(vendor: Vendor, message: string, options: VendorErrorOptions = {}): VendorError {
    return new VendorError(vendor, 'VENDOR_UNAVAILABLE', message, options);
  }

  static rateLimited(vendor: Vendor, message: string, options: VendorErrorOptions = {}): VendorError {
    return new VendorError(vendor, 'VENDOR_RATE_LIMITED', message, options);
  }

  /** The vendor answered something we cannot read as what it documents. */
  static badResponse(vendor: Vendor, message: string, options: VendorErrorOptions = {}): VendorError {
    return new VendorError(vendor, 'VENDOR_BAD_RESPONSE', message, options);
  }

  /** The vendor answered, but these parts of its answer failed (the report's `failedParts`). */
  static partial(vendor: Vendor, failedParts: readonly string[]): VendorError {
    return new VendorError(vendor, 'VENDOR_PARTIAL_RESPONSE', `answered without ${failedParts.join(', ')}`);
  }

  /**
   * Anything but a `VendorError` escaping a vendor call is a bug in our client or mapper: the caller
   * sees `VENDOR_BAD_RESPONSE`, the exception stays as `cause` for the log.
   */
  static unexpected(vendor: Vendor, cause: unknown): VendorError {
    return VendorError.badResponse(vendor, 'answered something we could not map', { cause, unexpected: true });
  }
}

/**
 * The usual meaning of an HTTP error status, for vendors whose documentation says nothing more
 * specific. Vendor clients handle their documented special cases first and fall back to this.
 */
export function errorForStatus(
  vendor: Vendor,
  status: number,
  options: Omit<VendorErrorOptions, 'httpStatus'> = {},
): VendorError {
  const withStatus = { ...options, httpStatus: status };
  if (status === 401 || status === 403)
    return new VendorError(vendor, 'VENDOR_AUTH_FAILED', `rejected our credentials (HTTP ${status})`, withStatus);
  if (status === 402)
    return new VendorError(vendor, 'VENDOR_QUOTA_EXCEEDED', 'plan quota exhausted (HTTP 402)', withStatus);
  if (status === 404) return new VendorError(vendor, 'TOKEN_NOT_FOUND', 'token not found (HTTP 404)', withStatus);
  if (status === 429) return VendorError.rateLimited(vendor, 'rate limit reached (HTTP 429)', withStatus);
  if (status >= 500) return VendorError.unavailable(vendor, `failed (HTTP ${status})`, withStatus);
  if (status >= 400)
    return new VendorError(vendor, 'TOKEN_INVALID', `rejected the request (HTTP ${status})`, withStatus);
  return VendorError.badResponse(vendor, `answered an unexpected HTTP ${status}`, withStatus);
}

/** Normalizes whatever escaped a vendor call (see `VendorError.unexpected`). */
export function toVendorError(vendor: Vendor, error: unknown): VendorError {
  return error instanceof VendorError ? error : VendorError.unexpected(vendor, error);
}
