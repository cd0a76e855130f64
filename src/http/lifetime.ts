import type { ServerResponse } from 'node:http';

/** How long a GraphQL request may take, as an AbortSignal every vendor call carries. */
export interface RequestLifetime {
  /** Aborts when the deadline passes or the client goes away. */
  signal: AbortSignal;
  /** Epoch ms of the deadline. */
  deadlineAt: number;
}

/**
 * The lifetime of one request: aborted at its deadline or when the client disconnects. The timer
 * is cleared as soon as the response is done, so a request that finished in a millisecond leaves
 * nothing behind (`AbortSignal.timeout` would fire later anyway, for every request).
 */
export function requestLifetime(response: ServerResponse, deadlineMs: number): RequestLifetime {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deadlineMs);
  response.once('close', () => {
    clearTimeout(timer);
    if (!response.writableFinished) controller.abort();
  });
  return { signal: controller.signal, deadlineAt: Date.now() + deadlineMs };
}
