import type { Server, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DrainOptions {
  /** How long to keep serving (readiness already failing) before refusing new connections. */
  delayMs: number;
  /** How long in-flight requests may take to finish once new connections are refused. */
  graceMs: number;
  /** Told when new connections start being refused, with the requests then in flight. */
  onStopAccepting?: (inFlight: number) => void;
}

export interface DrainResult {
  /** Requests in flight when new connections were refused. */
  inFlight: number;
  /** Requests still unfinished when the grace period ran out (their connections were cut). */
  abandoned: number;
}

/**
 * Graceful shutdown of an HTTP server. `track` every request; `close`:
 *
 * 1. marks the server draining (readiness answers 503; every response from now on, and every
 *    in-flight one that has not sent its headers yet, says `Connection: close`, so keep-alive
 *    clients such as routers reconnect elsewhere);
 * 2. keeps serving for `delayMs`, for load balancers that only notice failing readiness after a
 *    few probes (Kubernetes endpoints, cloud LBs);
 * 3. refuses new connections and closes idle ones;
 * 4. waits up to `graceMs` for in-flight requests to finish, then cuts what is left.
 */
export class HttpDrain {
  readonly #inFlight = new Set<ServerResponse>();
  #draining = false;
  #onIdle: (() => void) | undefined;

  get draining(): boolean {
    return this.#draining;
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  track(response: ServerResponse, handle: () => Promise<void>): Promise<void> {
    this.#inFlight.add(response);
    if (this.#draining) response.setHeader('connection', 'close');
    // `close` follows `finish` (last byte handed to the OS) or a connection lost early.
    response.once('close', () => {
      this.#inFlight.delete(response);
      if (this.#inFlight.size === 0) this.#onIdle?.();
    });
    return handle();
  }

  async close(server: Server, options: DrainOptions): Promise<DrainResult> {
    this.#draining = true;
    for (const response of this.#inFlight) if (!response.headersSent) response.setHeader('connection', 'close');
    if (options.delayMs > 0) await sleep(options.delayMs);

    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const inFlight = this.#inFlight.size;
    options.onStopAccepting?.(inFlight);
    const drained = await this.#idle(options.graceMs);
    const abandoned = drained ? 0 : this.#inFlight.size;
    // Connections left now are either idle keep-alive ones or ones whose requests ran out of grace.
    server.closeAllConnections();
    await closed;
    return { inFlight, abandoned };
  }

  #idle(timeoutMs: number): Promise<boolean> {
    if (this.#inFlight.size === 0) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.#onIdle = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }
}
