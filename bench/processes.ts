import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Api, CommonApi, ReadyMessage, ResponseMessage } from './children/rpc.ts';

/**
 * Forked children (servers under test, simulator, vendor clients) on the same Node binary as the
 * parent. Each gets its own event loop so that the load generator in the parent never competes
 * with the server inside one process. Every child is tracked and killed when the parent exits,
 * however it exits.
 */

const live = new Set<ChildProcess>();

/** Kills every child still running (SIGKILL: used on the way out, when nothing else matters). */
export function killAllChildren(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

let hooked = false;
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAllChildren);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      killAllChildren();
      process.exit(130);
    });
  }
}

export interface ChildOptions<Info> {
  /** Shown in errors. */
  name: string;
  /** Module under bench/children/, or our subgraph's entry point. */
  module: URL;
  args?: string[];
  /** The child's environment, on top of PATH and NODE_ENV=production (nothing else is inherited, for reproducibility). */
  env?: Record<string, string>;
  /** Node flags, for example `--cpu-prof`. */
  execArgv?: string[];
  readyTimeoutMs?: number;
  /**
   * How the child tells it is ready: by default its `ready` IPC message; with this, the first line of
   * its stdout that this turns into the child's info (our subgraph's "ready" log line).
   */
  readyLine?: (line: string) => Info | undefined;
}

/** A running child: typed calls into its API (plus its usage), and a clean stop. */
export class Child<A extends Api<A>, Info> {
  readonly name: string;
  readonly info: Info;
  readonly #process: ChildProcess;
  readonly #output: string[];
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  #nextId = 1;
  #exited: Promise<number | null>;

  constructor(name: string, process: ChildProcess, info: Info, output: string[], exited: Promise<number | null>) {
    this.name = name;
    this.info = info;
    this.#process = process;
    this.#output = output;
    this.#exited = exited;
    process.on('message', (message: ResponseMessage) => {
      if (message.kind !== 'response') return;
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      if (message.ok) pending.resolve(message.result);
      else pending.reject(new Error(`${name}: ${message.error}`));
    });
    void exited.then((code) => {
      for (const { reject } of this.#pending.values()) reject(this.#died(code));
      this.#pending.clear();
    });
  }

  get pid(): number | undefined {
    return this.#process.pid;
  }

  /** Stops reading the child's stdout, as a log shipper that hangs: the pipe fills, then the child's writes wait. */
  pauseOutput(): void {
    this.#process.stdout?.pause();
  }

  resumeOutput(): void {
    this.#process.stdout?.resume();
  }

  call<M extends keyof (A & CommonApi) & string>(
    method: M,
    ...params: Parameters<(A & CommonApi)[M]>
  ): Promise<Awaited<ReturnType<(A & CommonApi)[M]>>> {
    return this.#request(method, params[0]) as Promise<Awaited<ReturnType<(A & CommonApi)[M]>>>;
  }

  #request(method: string, params: unknown): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#process.send({ kind: 'request', id, method, params }, (error) => {
        if (error) {
          this.#pending.delete(id);
          reject(this.#died(this.#process.exitCode));
        }
      });
    });
  }

  /** Asks the child to close and exit; kills it when it does not within `timeoutMs`. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (this.#process.exitCode !== null || this.#process.signalCode !== null) return;
    const timer = setTimeout(() => this.#process.kill('SIGKILL'), timeoutMs);
    await this.#request('stop', undefined).catch(() => undefined);
    await this.#exited;
    clearTimeout(timer);
  }

  #died(code: number | null): Error {
    const tail = this.#output.slice(-20).join('');
    return new Error(`${this.name} exited (code ${code})${tail ? `; its last output:\n${tail}` : ''}`);
  }
}

/** Forks a child and waits for its `ready` message. */
export async function startChild<A extends Api<A>, Info>(options: ChildOptions<Info>): Promise<Child<A, Info>> {
  hookExit();
  const child = fork(fileURLToPath(options.module), options.args ?? [], {
    execPath: process.execPath,
    execArgv: options.execArgv ?? [],
    // NODE_ENV=production everywhere: graphql-js, for one, runs slower checks (instanceOf) otherwise,
    // and B1 must run the framework as our subgraph does.
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  live.add(child);
  // Keep the tail of the child's output for error messages; never echo it (it would cost the parent).
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    output.push(chunk.toString('utf8'));
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      live.delete(child);
      resolve(code);
    });
  });

  const info = await new Promise<Info>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.name} was not ready within ${options.readyTimeoutMs ?? 30_000} ms`));
    }, options.readyTimeoutMs ?? 30_000);
    const ready = (value: Info): void => {
      clearTimeout(timer);
      resolve(value);
    };
    const { readyLine } = options;
    if (readyLine) {
      // Lines are read only until the ready one; after that the output is just drained (and its tail kept).
      let partial = '';
      const scan = (chunk: Buffer): void => {
        const lines = (partial + chunk.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          const found = readyLine(line);
          if (found === undefined) continue;
          child.stdout?.off('data', scan);
          ready(found);
          return;
        }
      };
      child.stdout?.on('data', scan);
    } else {
      child.on('message', (message: ReadyMessage<Info>) => {
        if (message.kind === 'ready') ready(message.info);
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited (code ${code}) before it was ready:\n${output.join('')}`));
    });
  });
  return new Child<A, Info>(options.name, child, info, output, exited);
}
