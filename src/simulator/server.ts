import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Vendor } from '../model/vendor.ts';
import { handleAdmin } from './admin.ts';
import { CallCounter } from './counters.ts';
import { SIMULATOR_CREDENTIALS } from './credentials.ts';
import { type Delivery, FaultBook, type FaultRule, planDelivery } from './faults.ts';
import { Gates } from './gates.ts';
import { Latency } from './latency.ts';
import { type Encoded, encode, jsonReply } from './reply.ts';
import { detectIpSimulator } from './vendors/detectip.ts';
import { fingerprintSimulator } from './vendors/fingerprint/index.ts';
import type { FingerprintWebhookDelivery, FingerprintWebhookRequest } from './vendors/fingerprint/webhook.ts';
import { friendlyCaptchaSimulator } from './vendors/friendly-captcha.ts';
import { hitprobeSimulator } from './vendors/hitprobe.ts';
import { trustDecisionSimulator } from './vendors/trustdecision.ts';
import type { VendorSimulator } from './vendors/types.ts';

export interface SimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default 0; applied before every vendor response (not to the admin API). */
  latencyMs?: number;
}

export interface Simulator {
  /** Base URL, e.g. `http://127.0.0.1:43125`. */
  readonly url: string;
  /** The credentials the simulated vendors accept (`SIMULATOR_CREDENTIALS`). */
  readonly credentials: typeof SIMULATOR_CREDENTIALS;
  /** Where a vendor is served: `${url}/fingerprint`, `/trustdecision`, `/friendlycaptcha`, `/detectip`, `/hitprobe`. */
  baseUrl(vendor: Vendor): string;
  /** HTTP requests received, per vendor or for all vendors; every request counts, faulty or not. */
  calls(vendor?: Vendor): number;
  /** Requests about one token (event id or searched visitor id, black box, FC token, detectip token, probe id). */
  tokenCalls(vendor: Vendor, token: string): number;
  resetCalls(): void;
  /** Vendor requests currently open (received, not yet answered or closed): shows callers aborting. */
  openRequests(vendor?: Vendor): number;
  /** Adds a fault rule (validated: throws a TypeError naming the problem); returns its id. */
  addFault(rule: FaultRule): string;
  removeFault(id: string): void;
  clearFaults(): void;
  /** Global latency, or one vendor's (which overrides the global one). */
  setLatency(ms: number, vendor?: Vendor): void;
  /**
   * Holds the next `count` requests to `vendor` until all of them have arrived, then answers them
   * together; resolves at that moment. Proof that a client sent them concurrently: calls made one
   * after another never fill the gate (see `gates.ts`). Throws a TypeError for a bad count or when
   * a gate is already open for the vendor.
   */
  gate(vendor: Vendor, count: number): Promise<void>;
  /**
   * Pushes a signed Fingerprint webhook for an identification to a loopback URL, as Fingerprint
   * does, and reports what the receiver answered; lookups of the event then describe the same event.
   * Rejects with a TypeError for a URL off this machine, or when the receiver cannot be reached.
   */
  sendFingerprintWebhook(request: FingerprintWebhookRequest): Promise<FingerprintWebhookDelivery>;
  /** Stops at once, destroying open connections (hung requests included). */
  close(): Promise<void>;
}

/** Vendor request bodies beyond this are refused (a degraded TrustDecision black box is ~5 KB). */
const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

/** Starts the five simulated vendors and the admin API on one HTTP server. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const counters = new CallCounter();
  const faults = new FaultBook();
  const latency = new Latency(options.latencyMs ?? 0);
  const gates = new Gates();
  const fingerprint = fingerprintSimulator();
  const vendors: readonly VendorSimulator[] = [
    fingerprint,
    trustDecisionSimulator(),
    friendlyCaptchaSimulator(),
    detectIpSimulator(),
    hitprobeSimulator(),
  ];
  const open = new Map<Vendor, number>();
  // Aborted by close(): cancels latency and slow-response timers so nothing outlives the server.
  const closing = new AbortController();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://simulator.invalid');
    const method = request.method ?? 'GET';
    if (url.pathname.startsWith('/__sim/')) {
      const body = await readBody(request);
      const controls = { counters, faults, latency, sendFingerprintWebhook: fingerprint.sendWebhook };
      write(response, encode(await handleAdmin(method, url.pathname, body, controls)));
      return;
    }
    const vendor = vendors.find(
      (candidate) => url.pathname === candidate.prefix || url.pathname.startsWith(`${candidate.prefix}/`),
    );
    if (!vendor) {
      write(response, encode(jsonReply(404, { error: `no simulated vendor at ${url.pathname}` })));
      return;
    }
    counters.countRequest(vendor.vendor);
    open.set(vendor.vendor, (open.get(vendor.vendor) ?? 0) + 1);
    response.once('close', () => open.set(vendor.vendor, (open.get(vendor.vendor) ?? 1) - 1));
    const body = await readBody(request);
    const path = url.pathname.slice(vendor.prefix.length) || '/';
    const route = await vendor.route({ method, path, query: url.searchParams, headers: request.headers, body });
    if (route.token !== undefined) counters.countToken(vendor.vendor, route.token);
    await gates.pass(vendor.vendor, closing.signal);
    const fault = faults.match(vendor.vendor, route.token);
    const delay = latency.of(vendor.vendor);
    if (delay > 0) await sleep(delay, undefined, { signal: closing.signal });
    await deliver(response, planDelivery(route, fault), closing.signal);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof BodyTooLarge && !response.headersSent) {
        write(response, encode(jsonReply(413, { error: `request bodies are limited to ${MAX_BODY_BYTES} bytes` })));
      } else if (!response.headersSent && !closing.signal.aborted) {
        write(response, encode(jsonReply(500, { error: 'the simulator failed to answer' })));
      } else {
        response.destroy();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const prefixes = new Map(vendors.map((vendor) => [vendor.vendor, vendor.prefix]));
  let closed: Promise<void> | undefined;

  return {
    url,
    credentials: SIMULATOR_CREDENTIALS,
    baseUrl: (vendor) => `${url}${prefixes.get(vendor) ?? ''}`,
    calls: (vendor) => counters.calls(vendor),
    tokenCalls: (vendor, token) => counters.tokenCalls(vendor, token),
    resetCalls: () => counters.reset(),
    openRequests: (vendor) =>
      vendor ? (open.get(vendor) ?? 0) : [...open.values()].reduce((total, count) => total + count, 0),
    addFault: (rule) => faults.add(rule),
    removeFault: (id) => {
      faults.remove(id);
    },
    clearFaults: () => faults.clear(),
    setLatency: (ms, vendor) => latency.set(ms, vendor),
    gate: (vendor, count) => gates.open(vendor, count),
    sendFingerprintWebhook: (request) => fingerprint.sendWebhook(request),
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

/** Reads the whole request body as UTF-8 (vendor payloads are JSON or form data). */
async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function write(response: ServerResponse, encoded: Encoded): void {
  response.writeHead(encoded.status, { ...encoded.headers, 'content-length': String(encoded.payload.length) });
  response.end(encoded.payload);
}

async function deliver(response: ServerResponse, delivery: Delivery, signal: AbortSignal): Promise<void> {
  if (delivery.kind === 'hang') return; // never answered: the client times out, or close() destroys the socket
  if (delivery.kind === 'reset') {
    response.socket?.resetAndDestroy(); // TCP RST, like a crashed vendor or a dropping middlebox
    return;
  }
  const { response: encoded, headersDelayMs, bodyDelayMs } = delivery;
  if (headersDelayMs > 0) await sleep(headersDelayMs, undefined, { signal });
  if (bodyDelayMs <= 0) {
    write(response, encoded);
    return;
  }
  const half = Math.floor(encoded.payload.length / 2);
  response.writeHead(encoded.status, { ...encoded.headers, 'content-length': String(encoded.payload.length) });
  response.write(encoded.payload.subarray(0, half));
  await sleep(bodyDelayMs, undefined, { signal });
  response.end(encoded.payload.subarray(half));
}
