/**
 * The part of autocannon's programmatic API the benchmark uses (the package ships no types).
 * https://github.com/mcollina/autocannon#api
 */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  /** Per-connection scratch space; autocannon resets it before each request is built. */
  export type RequestContext = Record<string, unknown>;

  export interface RequestParams {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  }

  export interface Request extends RequestParams {
    setupRequest?: (request: RequestParams, context: RequestContext) => RequestParams | undefined;
    onResponse?: (
      status: number,
      body: string,
      context: RequestContext,
      headers: Record<string, string | string[]>,
    ) => void;
  }

  export interface Options {
    url: string;
    connections?: number;
    /** Seconds; ignored when `amount` is set. */
    duration?: number;
    amount?: number;
    pipelining?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: Request[];
    overallRate?: number;
    /** Seconds. */
    timeout?: number;
    /** Milliseconds between samples; the end of a run is noticed at the next sample. */
    sampleInt?: number;
  }

  export interface Result {
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    resets: number;
    mismatches: number;
    /** Seconds, two decimals. */
    duration: number;
    start: Date;
    finish: Date;
  }

  export interface Instance extends EventEmitter, PromiseLike<Result> {
    stop(): void;
  }

  export default function autocannon(options: Options): Instance;
}
