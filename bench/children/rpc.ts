import { constants, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';

/**
 * A tiny request/response protocol over the IPC channel of a forked child. The parent (load
 * generator) asks; the child (server under test, simulator, vendor client) answers. Every child
 * also answers `usage`, `gc`, `heapSnapshot` and `stop`, so the parent can read its memory, CPU and
 * GC time and end it cleanly (a clean exit is what writes `--cpu-prof` and `--heap-prof` profiles).
 */

/** What a child can be asked: methods with one optional JSON parameter and a JSON result. */
export type Api<A> = { [Method in keyof A]: (params: never) => unknown };

export interface Usage {
  rssMB: number;
  heapUsedMB: number;
  /** V8 heap reserved (used + free), external memory and array buffers: where RSS goes. */
  heapTotalMB: number;
  externalMB: number;
  /** CPU time (user + system) since the process started. */
  cpuMs: number;
  /** Garbage collections since the process started (all kinds), and their pauses in ms. */
  gcCount: number;
  gcMs: number;
  /** Of which full (mark-compact) collections. */
  majorGcCount: number;
  majorGcMs: number;
}

export interface CommonApi {
  usage(): Usage;
  /** Usage right after a full garbage collection (the live heap); null unless started with --expose-gc. */
  gc(): Usage | null;
  /** Writes a heap snapshot (`v8.writeHeapSnapshot`) to `path`. */
  heapSnapshot(params: { path: string }): string;
  stop(): void;
}

export interface ReadyMessage<Info> {
  kind: 'ready';
  info: Info;
}

export interface RequestMessage {
  kind: 'request';
  id: number;
  method: string;
  params: unknown;
}

export type ResponseMessage =
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: string };

const collections = { count: 0, ms: 0, majorCount: 0, majorMs: 0 };
let watchingGc = false;

/** Counts garbage collections from now on (a PerformanceObserver: one entry per GC, no per-request cost). */
function watchGc(): void {
  if (watchingGc) return;
  watchingGc = true;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      collections.count += 1;
      collections.ms += entry.duration;
      // A full mark-compact; the others are scavenges, incremental marking steps and weak callbacks.
      const { kind } = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail ?? {};
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        collections.majorCount += 1;
        collections.majorMs += entry.duration;
      }
    }
  }).observe({ entryTypes: ['gc'] });
}

export function usage(): Usage {
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  const mb = (bytes: number) => bytes / 2 ** 20;
  return {
    rssMB: mb(memory.rss),
    heapUsedMB: mb(memory.heapUsed),
    heapTotalMB: mb(memory.heapTotal),
    externalMB: mb(memory.external),
    cpuMs: (cpu.user + cpu.system) / 1000,
    gcCount: collections.count,
    gcMs: collections.ms,
    majorGcCount: collections.majorCount,
    majorGcMs: collections.majorMs,
  };
}

function isRequest(message: unknown): message is RequestMessage {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'request';
}

function send(message: ReadyMessage<unknown> | ResponseMessage): void {
  if (process.connected) process.send?.(message);
}

/** Child side: announce `info` once ready, then answer requests with `handlers` (see `answerParent`). */
export function serveParent<Handlers extends Api<Handlers>, Info>(
  info: Info,
  handlers: Handlers,
  onStop: () => Promise<void> = async () => undefined,
): void {
  answerParent(handlers, onStop);
  send({ kind: 'ready', info });
}

/**
 * Child side: answer requests with `handlers` and the common methods, without announcing readiness
 * (a child whose parent learns it is ready some other way, from its log). `stop` runs `onStop`,
 * answers, and exits; losing the parent (IPC disconnect) exits too, so no child outlives the benchmark.
 */
export function answerParent<Handlers extends Api<Handlers>>(
  handlers: Handlers,
  onStop: () => Promise<void> = async () => undefined,
): void {
  watchGc();
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: unknown) => {
    if (!isRequest(message)) return;
    const { id, method, params } = message;
    void (async () => {
      try {
        if (method === 'usage') return send({ kind: 'response', id, ok: true, result: usage() });
        if (method === 'gc') {
          const collect = (globalThis as { gc?: () => void }).gc;
          collect?.();
          return send({ kind: 'response', id, ok: true, result: collect ? usage() : null });
        }
        if (method === 'heapSnapshot') {
          const { path } = params as { path: string };
          return send({ kind: 'response', id, ok: true, result: writeHeapSnapshot(path) });
        }
        if (method === 'stop') {
          await onStop();
          send({ kind: 'response', id, ok: true, result: null });
          // Let the answer leave before exiting; exiting normally writes any --cpu-prof profile.
          setImmediate(() => process.exit(0));
          return;
        }
        const handler: unknown = Object.hasOwn(handlers, method) ? Reflect.get(handlers, method) : undefined;
        if (typeof handler !== 'function') throw new Error(`unknown method ${method}`);
        send({ kind: 'response', id, ok: true, result: await (handler as (params: unknown) => unknown)(params) });
      } catch (error) {
        send({ kind: 'response', id, ok: false, error: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
}
