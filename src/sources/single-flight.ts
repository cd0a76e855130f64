/**
 * Concurrent callers asking for the same key share one underlying call. Each caller waits with its
 * own AbortSignal: a caller that gives up (deadline, disconnect) stops waiting without disturbing
 * the others. When the last caller gives up, the call is aborted too, unless it must run to
 * completion (calls with side effects, whose result must still reach the cache).
 */
export interface FlightOptions {
  /** Abort the shared call when every caller has stopped waiting. */
  abortWhenAbandoned: boolean;
  /** The error a caller that stops waiting receives. */
  onAbandon: () => Error;
}

export class SingleFlight<T> {
  readonly #flights = new Map<string, Flight<T>>();

  /** Calls currently in flight (for tests and metrics). */
  get size(): number {
    return this.#flights.size;
  }

  run(key: string, call: (signal: AbortSignal) => Promise<T>, signal: AbortSignal, options: FlightOptions): Promise<T> {
    if (signal.aborted) return Promise.reject(options.onAbandon());
    const flight = this.#flights.get(key) ?? this.#start(key, call);
    flight.waiters += 1;
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const leave = (): boolean => {
        if (done) return false;
        done = true;
        signal.removeEventListener('abort', onAbort);
        flight.waiters -= 1;
        return true;
      };
      const onAbort = (): void => {
        if (!leave()) return;
        if (flight.waiters === 0 && options.abortWhenAbandoned) {
          this.#forget(key, flight);
          flight.controller.abort();
        }
        reject(options.onAbandon());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (value) => leave() && resolve(value),
        (error: unknown) => leave() && reject(error),
      );
    });
  }

  #start(key: string, call: (signal: AbortSignal) => Promise<T>): Flight<T> {
    const controller = new AbortController();
    const flight: Flight<T> = { controller, waiters: 0, promise: Promise.resolve() as Promise<never> };
    flight.promise = Promise.resolve()
      .then(() => call(controller.signal))
      .finally(() => this.#forget(key, flight));
    this.#flights.set(key, flight);
    return flight;
  }

  #forget(key: string, flight: Flight<T>): void {
    if (this.#flights.get(key) === flight) this.#flights.delete(key);
  }
}

interface Flight<T> {
  controller: AbortController;
  waiters: number;
  promise: Promise<T>;
}
