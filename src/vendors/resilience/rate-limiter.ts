/**
 * A token bucket: `perSecond` tokens refill continuously up to `burst`. Callers reserve a token and
 * learn how long to wait for it; a caller whose wait would not fit in its deadline gets no token
 * (so it fails fast instead of queueing past the point where its answer is still useful).
 */
export class TokenBucket {
  readonly #perMs: number;
  readonly #burst: number;
  #tokens: number;
  #updatedAt: number;

  constructor(perSecond: number, burst: number, now = Date.now()) {
    this.#perMs = perSecond / 1000;
    this.#burst = Math.max(1, burst);
    this.#tokens = this.#burst;
    this.#updatedAt = now;
  }

  /** Reserves a token: the wait in ms before using it, or undefined when that wait exceeds `maxWaitMs`. */
  reserve(maxWaitMs: number, now = Date.now()): number | undefined {
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#updatedAt) * this.#perMs);
    this.#updatedAt = now;
    // Tokens may go negative: each negative unit is a reservation already promised to a waiting caller.
    const waitMs = this.#tokens >= 1 ? 0 : Math.ceil((1 - this.#tokens) / this.#perMs);
    if (waitMs > maxWaitMs) return undefined;
    this.#tokens -= 1;
    return waitMs;
  }
}
