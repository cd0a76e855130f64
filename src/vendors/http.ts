import type { IncomingHttpHeaders } from 'node:http';
import { type Dispatcher, Pool, errors as undiciErrors } from 'undici';
import type { Vendor } from '../model/vendor.ts';
import { VendorError } from './errors.ts';

/**
 * The only module that talks to undici. One connection pool per vendor; every request carries the
 * caller's AbortSignal (the GraphQL request deadline), a response size cap, and maps transport
 * failures to `VendorError` codes. It knows nothing about any vendor's body format.
 */

export interface VendorHttpOptions {
  vendor: Vendor;
  /** Base URL; may carry a path prefix (the simulator serves each vendor under `/<vendor>`). */
  baseUrl: string;
  /** Maximum open connections to the vendor. */
  connections: number;
  /** Bodies larger than this are refused as `VENDOR_BAD_RESPONSE`. */
  maxResponseBytes: number;
  /** Upper bound for headers or body to arrive, whatever the deadline (a safety net). */
  socketTimeoutMs: number;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  /** Path below the base URL, already encoded. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  json?: unknown;
  signal: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
}

export class VendorHttp {
  readonly vendor: Vendor;
  readonly #pool: Pool;
  readonly #basePath: string;
  readonly #options: VendorHttpOptions;

  constructor(options: VendorHttpOptions) {
    const url = new URL(options.baseUrl);
    this.vendor = options.vendor;
    this.#options = options;
    this.#basePath = url.pathname.replace(/\/+$/, '');
    this.#pool = new Pool(url.origin, {
      connections: options.connections,
      maxResponseSize: options.maxResponseBytes,
      headersTimeout: options.socketTimeoutMs,
      bodyTimeout: options.socketTimeoutMs,
      keepAliveTimeout: 10_000,
    });
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    const { signal } = request;
    if (signal.aborted) throw this.#aborted();
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let body: string | undefined;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['content-type'] = 'application/json';
    }
    const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : '';
    try {
      return await new Promise<HttpResponse>((resolve, reject) => {
        this.#pool.dispatch(
          { method: request.method, path: `${this.#basePath}${request.path}${query}`, headers, body },
          new TextResponse(signal, resolve, reject),
        );
      });
    } catch (error) {
      throw this.#transportError(error, signal);
    }
  }

  /** Stops accepting requests and waits for in-flight ones (graceful shutdown). */
  async close(): Promise<void> {
    await this.#pool.close();
  }

  #aborted(): VendorError {
    return VendorError.timeout(this.vendor, {
      reachedVendor: false,
    });
  }

  #transportError(error: unknown, signal: AbortSignal): VendorError {
    if (error instanceof VendorError) return error;
    const cause = error;
    if (signal.aborted) return VendorError.timeout(this.vendor, { cause });
    if (error instanceof undiciErrors.ResponseExceededMaxSizeError) {
      const message = `response larger than ${this.#options.maxResponseBytes} bytes`;
      return VendorError.badResponse(this.vendor, message, { cause });
    }
    if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
      return new VendorError(this.vendor, 'VENDOR_TIMEOUT', 'the connection stalled', { cause });
    }
    if (error instanceof undiciErrors.ConnectTimeoutError || isConnectFailure(error)) {
      return VendorError.unavailable(this.vendor, 'could not connect', { reachedVendor: false, cause });
    }
    return VendorError.unavailable(this.vendor, 'the connection failed', { cause });
  }
}

/**
 * One answer, read whole into a string: undici's `request` with `body.text()` without what that
 * adds per call on top of the same connection pool (a readable stream for the body, an async
 * resource, a consumer of the stream), which was most of our side of a vendor call. The pool's
 * limits still apply (`maxResponseSize`, header and body timeouts); `signal` aborts the call.
 */
class TextResponse implements Dispatcher.DispatchHandler {
  readonly #signal: AbortSignal;
  readonly #resolve: (response: HttpResponse) => void;
  readonly #reject: (error: unknown) => void;
  #controller: Dispatcher.DispatchController | undefined;
  #status = 0;
  #headers: IncomingHttpHeaders = {};
  readonly #chunks: Buffer[] = [];
  #length = 0;
  #settled = false;

  constructor(signal: AbortSignal, resolve: (response: HttpResponse) => void, reject: (error: unknown) => void) {
    this.#signal = signal;
    this.#resolve = resolve;
    this.#reject = reject;
    // Listened to from the start: a call still queued in the pool gives up at once too.
    signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  readonly #onAbort = (): void => {
    const reason = this.#signal.reason instanceof Error ? this.#signal.reason : new undiciErrors.RequestAbortedError();
    this.#controller?.abort(reason);
    this.#fail(reason);
  };

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#settled) controller.abort(new undiciErrors.RequestAbortedError());
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    if (statusCode < 200) return; // informational (100 Continue): the answer follows
    this.#status = statusCode;
    this.#headers = headers;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  onResponseEnd(): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#signal.removeEventListener('abort', this.#onAbort);
    this.#resolve({ status: this.#status, headers: this.#headers, body: decodeUtf8(this.#chunks, this.#length) });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.#fail(error);
  }

  #fail(error: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#signal.removeEventListener('abort', this.#onAbort);
    this.#reject(error);
  }
}

/** The body as text, as undici's `body.text()` decodes it: UTF-8, a byte order mark skipped. */
function decodeUtf8(chunks: readonly Buffer[], length: number): string {
  if (length === 0) return '';
  const buffer = chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, length);
  const start = buffer.length > 2 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  return buffer.toString('utf8', start);
}

const CONNECT_FAILURES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function isConnectFailure(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && CONNECT_FAILURES.has(code);
}

function headerValue(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Parses a JSON body. A body that is not declared as JSON, or does not parse, is a
 * `VENDOR_BAD_RESPONSE`; the body itself never reaches the error.
 */
export function parseJsonBody(vendor: Vendor, response: HttpResponse): unknown {
  const contentType = headerValue(response, 'content-type') ?? '';
  if (!/\bjson\b/i.test(contentType)) {
    throw VendorError.badResponse(vendor, `answered HTTP ${response.status} without a JSON body`, {
      httpStatus: response.status,
    });
  }
  try {
    return JSON.parse(response.body) as unknown;
  } catch (cause) {
    throw VendorError.badResponse(vendor, `answered HTTP ${response.status} with malformed JSON`, {
      httpStatus: response.status,
      cause,
    });
  }
}

/** Like `parseJsonBody`, but yields undefined instead of throwing: for error bodies we only peek at. */
export function tryParseJsonBody(vendor: Vendor, response: HttpResponse): unknown {
  try {
    return parseJsonBody(vendor, response);
  } catch {
    return undefined;
  }
}

/** `Retry-After` in milliseconds (delta-seconds or HTTP date), or undefined when absent or invalid. */
export function retryAfterMs(response: HttpResponse, now = Date.now()): number | undefined {
  const value = headerValue(response, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The transport settings every vendor client's options carry. */
export interface VendorTransportOptions {
  apiUrl: string;
  connections: number;
  maxResponseBytes: number;
  socketTimeoutMs: number;
}

/** The HTTP client of one vendor, from its client's options. */
export function vendorHttp(vendor: Vendor, options: VendorTransportOptions): VendorHttp {
  return new VendorHttp({
    vendor,
    baseUrl: options.apiUrl,
    connections: options.connections,
    maxResponseBytes: options.maxResponseBytes,
    socketTimeoutMs: options.socketTimeoutMs,
  });
}
