/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * "Decorrelated jitter" (AWS Architecture Blog, "Exponential Backoff and Jitter"): each delay is
 * random between the base and three times the previous delay, capped. It spreads retries of many
 * callers better than plain exponential backoff.
 */
export function decorrelatedJitter(previousMs: number, baseMs: number, capMs: number, random = Math.random): number {
  const upper = Math.max(baseMs, previousMs * 3);
  return Math.min(capMs, baseMs + random() * (upper - baseMs));
}

/**
 * Runs `run` with a signal that aborts after `ms` or when `parent` aborts. The timer and the
 * listener are removed as soon as `run` settles: unlike `AbortSignal.any([parent,
 * AbortSignal.timeout(ms)])`, nothing lingers or fires after a call that finished early.
 */
export async function withTimeout<T>(
  parent: AbortSignal,
  ms: number,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  if (parent.aborted) abort();
  else parent.addEventListener('abort', abort, { once: true });
  const timer = setTimeout(abort, ms);
  try {
    return await run(controller.signal);
  } finally {
    clearTimeout(timer);
    parent.removeEventListener('abort', abort);
  }
}
