import { Pool, errors as undiciErrors } from 'undici';
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
      const response = await this.#pool.request({
        method: request.method,
        path: `${this.#basePath}${request.path}${query}`,
        headers,
        body,
        signal,
      });
      const text = await response.body.text();
      return { status: response.statusCode, headers: response.headers, body: text };
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
