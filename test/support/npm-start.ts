import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, constants, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JsonLines } from './json-lines.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A FIFO standing in for a log shipper: this process holds its only reading end, so a test can stop
 * reading (the shipper hangs), read again, or close it (the shipper exits: writers get EPIPE).
 */
export class LogReader {
  readonly log = new JsonLines();
  /** Bytes read so far. */
  bytesRead = 0;
  readonly #dir: string;
  readonly #socket: Socket;
  #writeEnd: number | undefined;
  #partial = '';

  constructor() {
    this.#dir = mkdtempSync(join(tmpdir(), 'log-reader-'));
    const path = join(this.#dir, 'stdout');
    execFileSync('mkfifo', [path]);
    // Non-blocking: opening a FIFO's reading end blocks until a writer comes otherwise.
    const readEnd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    // Opened before any read: a FIFO with no writer at all reads as end of file.
    this.#writeEnd = openSync(path, constants.O_WRONLY);
    this.#socket = new Socket({ fd: readEnd, readable: true, writable: false });
    this.#socket.setEncoding('utf8');
    this.#socket.on('data', (text: string) => {
      this.bytesRead += Buffer.byteLength(text);
      const parts = (this.#partial + text).split('\n');
      this.#partial = parts.pop() ?? '';
      for (const part of parts) this.log.add(part);
    });
    this.#socket.on('error', () => undefined);
    this.#socket.on('close', () => this.log.end('the log reader closed'));
  }

  /** The writing end, for a child's stdout and stderr; this process closes its copy once the child has it. */
  takeWriteEnd(): number {
    if (this.#writeEnd === undefined) throw new Error('the writing end was already given away');
    const fd = this.#writeEnd;
    this.#writeEnd = undefined;
    return fd;
  }

  /**
   * Stops reading. What is already read stays unread by the test until `resume`; the kernel's pipe
   * (64 KiB) and this end's buffer (one more read) fill up, then writers find the pipe full.
   */
  stall(): void {
    this.#socket.pause();
  }

  resume(): void {
    this.#socket.resume();
  }

  /** Closes the only reading end, as a shipper that exits: every later write fails with EPIPE. */
  exit(): void {
    this.#socket.destroy();
  }

  dispose(): void {
    this.#socket.destroy();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** `R`, `S`, `D`, `Z` (exited, not yet reaped)… */
  state: string;
  command: string;
}

/** A process as /proc sees it, or undefined once it is gone. */
export function processInfo(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // `pid (comm) state ppid pgrp …`; comm may hold spaces and parentheses, hence the last `)`.
    const [state = '', ppid = '0'] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { pid, ppid: Number(ppid), state, command };
  } catch {
    return undefined;
  }
}

/** Live members of a process group (zombies have exited: they are not counted). */
export function processGroup(pgid: number): ProcessInfo[] {
  const members: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid || fields[0] === 'Z') continue;
      const info = processInfo(Number(entry));
      if (info) members.push(info);
    } catch {
      // Gone between listing and reading.
    }
  }
  return members;
}

/**
 * `npm start` in a process group of its own, with stdout and stderr on a `LogReader`, and only the
 * environment given (plus PATH and HOME, which npm needs).
 */
export class NpmStart {
  readonly reader = new LogReader();
  readonly child: ChildProcess;
  /** npm's pid, which is also the group's id. */
  readonly pgid: number;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(env: Record<string, string>) {
    const writeEnd = this.reader.takeWriteEnd();
    try {
      this.child = spawn('npm', ['start'], {
        cwd: ROOT,
        detached: true,
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: process.env['HOME'] ?? tmpdir(),
          npm_config_update_notifier: 'false',
          ...env,
        },
        stdio: ['ignore', writeEnd, writeEnd],
      });
    } finally {
      closeSync(writeEnd);
    }
    if (this.child.pid === undefined) throw new Error('npm did not start');
    this.pgid = this.child.pid;
    this.exited = once(this.child, 'exit').then(([code, signal]) => ({
      code: code as number | null,
      signal: signal as NodeJS.Signals | null,
    }));
  }

  /** The base URL from the "ready" log line (read before any stall). */
  async ready(): Promise<string> {
    const line = await this.reader.log.waitFor((l) => l.msg === 'device-intelligence subgraph ready', 'the ready line');
    return new URL(String(line['url'])).origin;
  }

  /** The node process running the subgraph (npm's child, or its grandchild through a shell). */
  subgraphProcess(): ProcessInfo | undefined {
    // `node`, the start script's flags, then the entry.
    return processGroup(this.pgid).find((member) => /^\S*node (?:--\S+ )*src\/main\.ts/.test(member.command));
  }

  /** A signal to the whole group, as a terminal or a container runtime sends it. */
  signal(signal: NodeJS.Signals): void {
    process.kill(-this.pgid, signal);
  }

  /**
   * Waits until no process of the group is left (npm, the node process it started, any shell in
   * between), polling /proc; returns how long that took, or throws after `ceilingMs`, naming the
   * processes still there.
   */
  async gone(ceilingMs: number): Promise<number> {
    const started = performance.now();
    for (;;) {
      const left = processGroup(this.pgid);
      const elapsed = performance.now() - started;
      if (left.length === 0) return elapsed;
      if (elapsed > ceilingMs) {
        const names = left.map((member) => `${member.pid} ${member.state} ${member.command}`).join('; ');
        throw new Error(`still running after ${Math.round(elapsed)} ms: ${names}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Kills whatever of the group is left and frees the FIFO: for `afterEach`, whatever happened. */
  dispose(): void {
    try {
      process.kill(-this.pgid, 'SIGKILL');
    } catch {
      // ESRCH: nothing left.
    }
    this.reader.dispose();
  }
}
