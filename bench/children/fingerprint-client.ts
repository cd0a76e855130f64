import { percentile } from '../stats.ts';
import { serveParent, usage } from './rpc.ts';

/**
 * B5, the alternative: Fingerprint event lookups through our vendor client (undici pool, tolerant
 * zod parse, mapping to a vendor-neutral report) or through `@fingerprint/node-sdk`'s `getEvent`
 * (global fetch, raw JSON), whichever argv[2] names, each in its own process against the same
 * simulator. Same lookups, same number in flight.
 */

export type ClientKind = 'ours' | 'sdk';

export interface ClientInfo {
  kind: ClientKind;
}

export interface LookupRun {
  /** Wall time of the whole run. */
  elapsedMs: number;
  /** CPU (user + system) this process spent on the run, and its garbage-collection pauses. */
  cpuMs: number;
  gcMs: number;
  p50Ms: number;
  p99Ms: number;
  /** The visitor id each lookup returned (null when it failed). */
  visitorIds: (string | null)[];
  errors: number;
  firstError: string | null;
}

export interface ClientApi {
  run(params: { ids: string[]; concurrency: number }): Promise<LookupRun>;
}

interface Setup {
  kind: ClientKind;
  /** The simulator's Fingerprint base URL, e.g. http://127.0.0.1:4010/fingerprint. */
  baseUrl: string;
  apiKey: string;
  connections: number;
}

const setup = JSON.parse(process.argv[2] ?? '{}') as Setup;

/*
 * Each client is imported only in its own process: loading npm undici (which our client uses)
 * installs its Agent as the global dispatcher, which Node's built-in fetch would then use too.
 */

async function ourLookup(): Promise<(id: string) => Promise<string | null>> {
  const { FingerprintClient } = await import('../../src/vendors/fingerprint/client.ts');
  const client = new FingerprintClient({
    apiKey: setup.apiKey,
    apiUrl: setup.baseUrl,
    apiVersion: 'v4',
    connections: setup.connections,
    maxResponseBytes: 1024 * 1024,
    socketTimeoutMs: 10_000,
    cacheTtlMs: 86_400_000,
  });
  const never = new AbortController().signal;
  return async (id) => (await client.fetch({ kind: 'event', eventId: id }, never))?.view.visitorId ?? null;
}

/**
 * The SDK has no base-URL option: like a team behind an egress proxy, give it a `fetch` that
 * rewrites the origin, here to the simulator.
 */
async function sdkLookup(): Promise<(id: string) => Promise<string | null>> {
  const { FingerprintServerApiClient } = await import('@fingerprint/node-sdk');
  const origin = 'https://api.fpjs.io/';
  const target = `${setup.baseUrl.replace(/\/+$/, '')}/`;
  const rewrite = (input: string | URL | Request): string => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return url.startsWith(origin) ? target + url.slice(origin.length) : url;
  };
  const client = new FingerprintServerApiClient({
    apiKey: setup.apiKey,
    fetch: (input, init) => fetch(rewrite(input), init),
  });
  return async (id) => (await client.getEvent(id)).identification?.visitor_id ?? null;
}

const lookup = setup.kind === 'ours' ? await ourLookup() : await sdkLookup();

const handlers: ClientApi = {
  async run({ ids, concurrency }) {
    const visitorIds: (string | null)[] = new Array<string | null>(ids.length).fill(null);
    const latencies: number[] = [];
    let errors = 0;
    let firstError: string | null = null;
    let next = 0;
    const cpuBefore = process.cpuUsage();
    const gcBefore = usage().gcMs;
    const started = performance.now();
    // `concurrency` workers pulling from one queue: exactly that many lookups in flight.
    const worker = async (): Promise<void> => {
      while (next < ids.length) {
        const index = next++;
        const begun = performance.now();
        try {
          visitorIds[index] = await lookup(ids[index]!);
          latencies.push(performance.now() - begun);
        } catch (error) {
          errors += 1;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    return {
      elapsedMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      gcMs: usage().gcMs - gcBefore,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      visitorIds,
      errors,
      firstError,
    };
  },
};
serveParent<ClientApi, ClientInfo>({ kind: setup.kind }, handlers);
