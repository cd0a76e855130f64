import { describe, expect, it } from 'vitest';
import { errorForStatus } from '../../../src/vendors/errors.ts';

describe('errorForStatus', () => {
  it.each([
    [401, 'VENDOR_AUTH_FAILED', 'UNAVAILABLE'],
    [403, 'VENDOR_AUTH_FAILED', 'UNAVAILABLE'],
    [402, 'VENDOR_QUOTA_EXCEEDED', 'QUOTA_EXCEEDED'],
    [404, 'TOKEN_NOT_FOUND', 'NOT_FOUND'],
    [429, 'VENDOR_RATE_LIMITED', 'RATE_LIMITED'],
    [500, 'VENDOR_UNAVAILABLE', 'UNAVAILABLE'],
    [503, 'VENDOR_UNAVAILABLE', 'UNAVAILABLE'],
    [400, 'TOKEN_INVALID', 'TOKEN_INVALID'],
    [422, 'TOKEN_INVALID', 'TOKEN_INVALID'],
    [302, 'VENDOR_BAD_RESPONSE', 'BAD_RESPONSE'],
    [204, 'VENDOR_BAD_RESPONSE', 'BAD_RESPONSE'],
  ])('maps HTTP %i to %s (source status %s)', (status, code, sourceState) => {
    const error = errorForStatus('DETECTIP', status);
    expect(error).toMatchObject({ vendor: 'DETECTIP', code, httpStatus: status });
    expect(error.sourceState).toBe(sourceState);
    // The GraphQL layer names the vendor in front (`detectip.ai: …`); the message itself says what happened.
    expect(error.message).toContain(String(status));
    expect(error.message).not.toMatch(/detectip/i);
  });

  it('keeps what the caller knows about the answer', () => {
    const error = errorForStatus('FINGERPRINT', 429, { vendorCode: 'too_many_requests', retryAfterMs: 1000 });
    expect(error).toMatchObject({ vendorCode: 'too_many_requests', retryAfterMs: 1000, reachedVendor: true });
  });
});
