import { describe, expect, it } from 'vitest';
import { VendorError } from '../../../src/vendors/errors.ts';
import { type CallOptions, VendorPolicy, type VendorPolicyOptions } from '../../../src/vendors/resilience/policy.ts';

const options = (overrides: Partial<VendorPolicyOptions> = {}): VendorPolicyOptions => ({
  vendor: 'DETECTIP',
  attemptTimeoutMs: 500,
  maxRetries: 2,
  backoffBaseMs: 1,
  backoffCapMs: 5,
  concurrency: 4,
  queueSize: 100,
  rateLimit: undefined,
  breakerThreshold: 3,
  breakerCooldownMs: 200,
  ...overrides,
});

const call = (overrides: Partial<CallOptions> = {}): CallOptions => ({
  signal: new AbortController().signal,
  deadlineAt: Date.now() + 2000,
  idempotent: true,
  ...overrides,
});

const unavailable = (extra: ConstructorParameters<typeof VendorError>[3] = {}) =>
  new VendorError('DETECTIP', 'VENDOR_UNAVAILABLE', 'failed (HTTP 503)', { httpStatus: 503, ...extra });

/** An attempt that fails `failures` times with `error`, then answers 'ok'; counts its calls. */
function flaky(failures: number, error: () => Error) {
  const attempt = async () => {
    attempt.calls += 1;
    if (attempt.calls <= failures) throw error();
    return 'ok';
  };
  attempt.calls = 0;
  return attempt;
}

describe('VendorPolicy retries', () => {
  it('retries retryable failures and succeeds', async () => {
    const attempt = flaky(2, unavailable);
    await expect(new VendorPolicy(options()).execute(attempt, call())).resolves.toBe('ok');
    expect(attempt.calls).toBe(3);
  });

  it('gives up after maxRetries with the last error', async () => {
    const attempt = flaky(10, unavailable);
    await expect(new VendorPolicy(options()).execute(attempt, call())).rejects.toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
    });
    expect(attempt.calls).toBe(3);
  });

  it('never retries token errors', async () => {
    const attempt = flaky(1, () => new VendorError('DETECTIP', 'TOKEN_INVALID', 'bad', { httpStatus: 400 }));
    await expect(new VendorPolicy(options()).execute(attempt, call())).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    expect(attempt.calls).toBe(1);
  });

  it('retries a non-idempotent call only when the request never reached the vendor', async () => {
    const sent = flaky(1, () => unavailable({ reachedVendor: true }));
    await expect(new VendorPolicy(options()).execute(sent, call({ idempotent: false }))).rejects.toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
    });
    expect(sent.calls).toBe(1);
    const refused = flaky(1, () => unavailable({ reachedVendor: false }));
    await expect(new VendorPolicy(options()).execute(refused, call({ idempotent: false }))).resolves.toBe('ok');
    expect(refused.calls).toBe(2);
  });

  it('honours Retry-After when it fits in the deadline', async () => {
    const tooMany = () =>
      new VendorError('DETECTIP', 'VENDOR_RATE_LIMITED', '429', { httpStatus: 429, retryAfterMs: 300 });
    const attempt = flaky(1, tooMany);
    const started = Date.now();
    await expect(new VendorPolicy(options()).execute(attempt, call())).resolves.toBe('ok');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(attempt.calls).toBe(2);
  });

  it('fails fast with VENDOR_RATE_LIMITED when Retry-After does not fit in the deadline', async () => {
    const tooMany = () =>
      new VendorError('DETECTIP', 'VENDOR_RATE_LIMITED', '429', { httpStatus: 429, retryAfterMs: 30_000 });
    const attempt = flaky(1, tooMany);
    const started = Date.now();
    await expect(new VendorPolicy(options()).execute(attempt, call())).rejects.toMatchObject({
      code: 'VENDOR_RATE_LIMITED',
    });
    expect(attempt.calls).toBe(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('times out a hung attempt within the attempt timeout and retries', async () => {
    let calls = 0;
    const attempt = (signal: AbortSignal) => {
      calls += 1;
      if (calls === 1) {
        return new Promise<string>((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(new VendorError('DETECTIP', 'VENDOR_TIMEOUT', 'stalled'))),
        );
      }
      return Promise.resolve('ok');
    };
    await expect(new VendorPolicy(options({ attemptTimeoutMs: 100 })).execute(attempt, call())).resolves.toBe('ok');
    expect(calls).toBe(2);
  });
});

describe('VendorPolicy circuit breaker', () => {
  it('opens after consecutive failed calls, then fails fast without calling the vendor', async () => {
    const policy = new VendorPolicy(options({ maxRetries: 0, breakerThreshold: 3 }));
    const attempt = flaky(100, unavailable);
    for (let i = 0; i < 3; i += 1)
      await expect(policy.execute(attempt, call())).rejects.toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    expect(policy.breakerState).toBe('open');
    await expect(policy.execute(attempt, call())).rejects.toThrow(/circuit breaker open/);
    expect(attempt.calls).toBe(3);
  });

  it('half-opens after the cooldown and closes on a successful probe', async () => {
    const policy = new VendorPolicy(options({ maxRetries: 0, breakerThreshold: 1, breakerCooldownMs: 100 }));
    await expect(policy.execute(flaky(1, unavailable), call())).rejects.toBeDefined();
    expect(policy.breakerState).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, 150));
    await expect(policy.execute(async () => 'ok', call())).resolves.toBe('ok');
    expect(policy.breakerState).toBe('closed');
  });

  it('does not count token errors or callers that gave up against the vendor', async () => {
    const policy = new VendorPolicy(options({ maxRetries: 0, breakerThreshold: 1 }));
    await expect(
      policy.execute(
        flaky(1, () => new VendorError('DETECTIP', 'TOKEN_INVALID', 'bad')),
        call(),
      ),
    ).rejects.toBeDefined();
    const gaveUp = new AbortController();
    const pending = policy.execute(
      (signal) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(new VendorError('DETECTIP', 'VENDOR_TIMEOUT', 'aborted'))),
        ),
      call({ signal: gaveUp.signal }),
    );
    gaveUp.abort();
    await expect(pending).rejects.toMatchObject({ code: 'VENDOR_TIMEOUT' });
    expect(policy.breakerState).toBe('closed');
  });
});

describe('VendorPolicy limits', () => {
  it('keeps concurrency under the bulkhead limit', async () => {
    const policy = new VendorPolicy(options({ concurrency: 3 }));
    let active = 0;
    let peak = 0;
    const attempt = async () => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 10));
      active -= 1;
      return 'ok';
    };
    await Promise.all(Array.from({ length: 20 }, () => policy.execute(attempt, call())));
    expect(peak).toBe(3);
  });

  it('lets a burst through, then spaces calls by the rate, and refuses waits beyond the deadline', async () => {
    const policy = new VendorPolicy(options({ rateLimit: { perSecond: 10, burst: 2 } }));
    const started = Date.now();
    await Promise.all([1, 2, 3].map(() => policy.execute(async () => 'ok', call())));
    // Two from the burst, the third waits ~100 ms for a token.
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    const attempt = flaky(0, unavailable);
    await expect(policy.execute(attempt, call({ deadlineAt: Date.now() + 30 }))).rejects.toMatchObject({
      code: 'VENDOR_RATE_LIMITED',
    });
    expect(attempt.calls).toBe(0);
  });
});
