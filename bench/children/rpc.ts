/**
 * A tiny request/response protocol over the IPC channel of a forked child. The parent (load
 * generator) asks; the child (server under test, simulator, vendor client) answers. Every child
 * also answers `usage` and `stop`, so the parent can read its memory and CPU time and end it cleanly
 * (a clean exit is what writes `--cpu-prof` profiles).
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
}

export interface CommonApi {
  usage(): Usage;
  /** Usage right after a full garbage collection (the live heap); null unless started with --expose-gc. */
  gc(): Usage | null;
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
  };
}

function isRequest(message: unknown): message is RequestMessage {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'request';
}

/**
 * Child side: announce `info` once ready, then answer requests with `handlers`. `stop` runs
 * `onStop`, answers, and exits; losing the parent (IPC disconnect) exits too, so no child outlives
 * the benchmark.
 */
export function serveParent<Handlers extends Api<Handlers>, Info>(
  info: Info,
  handlers: Handlers,
  onStop: () => Promise<void> = async () => undefined,
): void {
  const send = (message: ReadyMessage<Info> | ResponseMessage): void => {
    if (process.connected) process.send?.(message);
  };
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
  send({ kind: 'ready', info });
}
