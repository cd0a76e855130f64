import { describe, expect, it } from 'vitest';
import type { VendorReport } from '../../../src/model/report.ts';
import { okOutcome } from '../../../src/sources/outcome.ts';

const report = (failedParts?: string[]): VendorReport => ({
  action: {},
  labels: [],
  view: {},
  drift: [],
  ...(failedParts ? { failedParts } : {}),
});
const timing = { latencyMs: 3, cached: false, validForMs: 60_000 };

describe('a vendor answer as an outcome', () => {
  it('is OK with its data, or NOT_FOUND without', () => {
    expect(okOutcome('FINGERPRINT', report(), timing)).toMatchObject({ status: 'OK', error: null, maxAgeSeconds: 60 });
    expect(okOutcome('FINGERPRINT', null, timing)).toMatchObject({ status: 'NOT_FOUND', error: null });
  });

  it('is PARTIAL when parts of it failed: its data stands beside an error naming them, and nothing may keep it', () => {
    const partial = report(['products.botd (TooManyRequests)', 'products.vpn (Failed)']);
    const outcome = okOutcome('FINGERPRINT', partial, timing);
    expect(outcome).toMatchObject({ status: 'PARTIAL', report: partial, maxAgeSeconds: 0 });
    expect(outcome.error).toMatchObject({
      code: 'VENDOR_PARTIAL_RESPONSE',
      vendor: 'FINGERPRINT',
      message: 'answered without products.botd (TooManyRequests), products.vpn (Failed)',
    });
    expect(outcome.error?.sourceState).toBe('PARTIAL');
  });
});
