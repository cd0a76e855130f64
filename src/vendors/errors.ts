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
  'TOKEN_NOT_FOUND',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
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
  TOKEN_NOT_FOUND: 'NOT_FOUND',
  TOKEN_INVALID: 'TOKEN_INVALID',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
};

const VENDOR_NAME: Record<Vendor, string> = {
  FINGERPRINT: 'Fingerprint',
  TRUSTDECISION: 'TrustDecision',
  FRIENDLY_CAPTCHA: 'Friendly Captcha',
  DETECTIP: 'detectip.ai',
  HITPROBE: 'Hitprobe',
};

export function vendorName(vendor: Vendor): string {
  return VENDOR_NAME[vendor];
}

export interface VendorErrorOptions {
  /** HTTP status the vendor answered, when it answered. */
  httpStatus?: number;
  /** The vendor's own error code (for example `event_not_found`), for logs. Never a secret. */
  vendorCode?: string;
  /** How long the vendor asked us to wait before retrying (`Retry-After`). */
  retryAfterMs?: number;
  /**
   * False only when the request provably never reached the vendor (connection refused, DNS
   * failure). Non-idempotent calls (Hitprobe) may be retried only then.
   */
  reachedVendor?: boolean;
}

/**
 * The only error the vendor layer throws. Its message is ours, written for clients: it never
 * contains a vendor body, a URL or a credential.
 */
export class VendorError extends Error {
  override readonly name = 'VendorError';
  readonly code: VendorErrorCode;
  readonly vendor: Vendor;
  readonly httpStatus: number | undefined;
  readonly vendorCode: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly reachedVendor: boolean;
  /** The message without the vendor's name in front. */
  readonly detail: string;

  constructor(vendor: Vendor, code: VendorErrorCode, message: string, options: VendorErrorOptions = {}) {
    super(`${vendorName(vendor)}: ${message}`);
    this.detail = message;
    this.vendor = vendor;
    this.code = code;
    this.httpStatus = options.httpStatus;
    this.vendorCode = options.vendorCode;
    this.retryAfterMs = options.retryAfterMs;
    this.reachedVendor = options.reachedVendor ?? true;
  }

  get sourceState(): Exclude<SourceState, 'SKIPPED'> {
    return SOURCE_STATE[this.code];
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
  if (status === 429)
    return new VendorError(vendor, 'VENDOR_RATE_LIMITED', 'rate limit reached (HTTP 429)', withStatus);
  if (status >= 500) return new VendorError(vendor, 'VENDOR_UNAVAILABLE', `failed (HTTP ${status})`, withStatus);
  if (status >= 400)
    return new VendorError(vendor, 'TOKEN_INVALID', `rejected the request (HTTP ${status})`, withStatus);
  return new VendorError(vendor, 'VENDOR_BAD_RESPONSE', `answered an unexpected HTTP ${status}`, withStatus);
}

/**
 * Normalizes whatever escaped a vendor call. Anything but a `VendorError` is a bug in our mapping
 * of the vendor's answer; callers log it, clients see `VENDOR_BAD_RESPONSE`.
 */
export function toVendorError(vendor: Vendor, error: unknown): VendorError {
  if (error instanceof VendorError) return error;
  return new VendorError(vendor, 'VENDOR_BAD_RESPONSE', 'answered something we could not map');
}
