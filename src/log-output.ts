import type { Writable } from 'node:stream';

/** What `/metrics` reports about the log output. */
export interface LogOutputStats {
  /** Lines dropped since start: the buffer was full, or the reader is gone. */
  readonly droppedLines: number;
  /** Log text accepted but not yet taken by the reader. */
  readonly bufferedBytes: number;
}

/** The most log text held in memory while the reader is slow or stalled (some 1,800 request lines). */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * The destination of our logs (stdout by default): never blocks the event loop, never holds more
 * than `maxBufferedBytes` of unwritten text, never retries.
 *
 * The lines of one turn of the event loop are handed to the stream together, at its end
 * (`setImmediate`): one write, so one system call and one wake-up of the reader, for all the
 * request lines of that turn instead of one each, which was the largest single cost of logging a
 * request. Should the process exit before that, an `exit` listener hands them over (stdout only).
 *
 * On a pipe or socket (Docker, Kubernetes, systemd), `process.stdout` writes without blocking:
 * libuv hands the kernel what the pipe takes and keeps the rest, which is what this class bounds.
 * A line that would take the backlog past the bound is dropped and counted; once the reader has
 * taken what was waiting, `onRecovered` is told how many lines were lost meanwhile. A
 * write error (EPIPE: the reader exited) means the reader is gone for good: every later line is
 * dropped and counted, with no retry. A file (`> app.log`) is written synchronously, as ever.
 *
 * pino's default destination (sonic-boom) is not used: its buffer grows without bound while the
 * reader stalls, and its synchronous flush on exit sleeps and retries forever once the reader
 * exits, which blocks the event loop and keeps the process from ever ending.
 */
export class LogOutput implements LogOutputStats {
  readonly #stream: Writable;
  readonly #maxBufferedBytes: number;
  #droppedLines = 0;
  /** Dropped since the reader last caught up, with the time of the first of them. */
  #lost: { lines: number; since: number } | undefined;
  #gone = false;
  #recovered: ((droppedLines: number, blockedMs: number) => void) | undefined;
  /** Lines of this turn of the event loop, not yet handed to the stream. */
  #pending: string[] = [];
  #pendingBytes = 0;

  constructor(stream: Writable, options: { maxBufferedBytes?: number } = {}) {
    this.#stream = stream;
    this.#maxBufferedBytes = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
    // Without a listener an EPIPE would crash the process; with it the stream just stops.
    stream.on('error', () => {
      this.#gone = true;
    });
    // One write, never awaited: what stdout takes now is out, the rest is lost as before batching.
    if (stream === process.stdout) process.once('exit', () => this.handOver());
  }

  get droppedLines(): number {
    return this.#droppedLines;
  }

  /** Counted as string length, which is the byte count of JSON lines in ASCII (almost all of ours). */
  get bufferedBytes(): number {
    return this.#gone ? 0 : this.#stream.writableLength + this.#pendingBytes;
  }

  /** Called once each time the reader catches up after lines were dropped (not when it is gone). */
  onRecovered(listener: (droppedLines: number, blockedMs: number) => void): void {
    this.#recovered = listener;
  }

  /** pino's destination interface: one serialized line, newline included. */
  write(line: string): void {
    const stream = this.#stream;
    if (this.#gone || stream.destroyed) {
      this.#droppedLines += 1;
      return;
    }
    if (stream.writableLength + this.#pendingBytes + line.length > this.#maxBufferedBytes) {
      this.#drop();
      return;
    }
    this.#pending.push(line);
    this.#pendingBytes += line.length;
    if (this.#pending.length === 1) setImmediate(() => this.handOver());
  }

  /** Hands the lines not yet written to the stream now, in one write (the end of a turn, a flush, an exit). */
  handOver(): void {
    const lines = this.#pending;
    if (lines.length === 0) return;
    this.#pending = [];
    this.#pendingBytes = 0;
    if (this.#gone || this.#stream.destroyed) {
      this.#droppedLines += lines.length;
      return;
    }
    this.#stream.write(lines.length === 1 ? (lines[0] ?? '') : lines.join(''));
  }

  /**
   * Resolves once everything accepted has reached the reader, the reader is gone, or `timeoutMs`
   * passed: the last lines get a bounded chance before the process exits.
   */
  flush(timeoutMs: number): Promise<void> {
    this.handOver();
    const stream = this.#stream;
    if (this.#gone || stream.destroyed || stream.writableLength === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      // Written in order: the callback of an empty write runs once all that came before is out.
      stream.write('', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  #drop(): void {
    this.#droppedLines += 1;
    if (this.#lost) {
      this.#lost.lines += 1;
      return;
    }
    this.#lost = { lines: 1, since: Date.now() };
    this.handOver();
    // Written in order: this callback runs once the reader has taken all that was waiting.
    this.#stream.write('', () => {
      const lost = this.#lost;
      this.#lost = undefined;
      if (lost && !this.#gone) this.#recovered?.(lost.lines, Date.now() - lost.since);
    });
  }
}

let stdout: LogOutput | undefined;

/**
 * The process's one `LogOutput`, on stdout (one `error` listener and one bound however many loggers
 * write there). stderr, which carries only start-up errors and Node's own warnings, gets a listener
 * too: once its reader is gone those are lost, where an unhandled EPIPE would end the process.
 */
export function stdoutLogOutput(): LogOutput {
  if (!stdout) {
    stdout = new LogOutput(process.stdout);
    process.stderr.on('error', () => undefined);
  }
  return stdout;
}
