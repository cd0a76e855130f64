import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LogOutput } from '../../src/log-output.ts';
import { createLogger } from '../../src/logger.ts';

/**
 * A stream standing in for a pipe whose reader this test drives: while `stalled`, writes wait
 * (the stream buffers them, as libuv does for a full pipe); `resume` lets them through.
 */
class Pipe extends Writable {
  readonly received: string[] = [];
  stalled = false;
  #waiting: (() => void)[] = [];

  constructor() {
    super({ decodeStrings: false, highWaterMark: 1024 });
  }

  override _write(chunk: string, _encoding: BufferEncoding, done: (error?: Error) => void): void {
    const take = () => {
      // LogOutput writes empty markers to learn when what came before is out.
      if (chunk.length > 0) {
        this.received.push(chunk);
        this.emit('received', chunk);
      }
      done();
    };
    if (this.stalled) this.#waiting.push(take);
    else take();
  }

  resume(): void {
    this.stalled = false;
    for (const take of this.#waiting.splice(0)) take();
  }

  /** The reader exits: the pending write and every later one fail, as with EPIPE. */
  break(): void {
    this.#waiting.length = 0;
    this.destroy(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
  }
}

const line = (n: number) => `${JSON.stringify({ n, msg: 'x'.repeat(80) })}\n`;
const BOUND = 10 * line(0).length; // ten lines

/** The lines the reader got: the lines of one turn of the event loop arrive in one write. */
const linesOf = (pipe: Pipe): string[] => pipe.received.join('').split('\n').filter(Boolean);
const endOfTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('LogOutput', () => {
  it('passes every line through while the reader keeps up, the lines of one turn in one write', async () => {
    const pipe = new Pipe();
    const output = new LogOutput(pipe, { maxBufferedBytes: 100 * BOUND });
    let written = 0;
    for (let n = 0; n < 100; n++) {
      output.write(line(n));
      written += line(n).length;
    }
    expect(output.bufferedBytes).toBe(written); // held until the end of this turn
    await endOfTurn();
    expect(pipe.received).toHaveLength(1);
    expect(linesOf(pipe).map((text) => JSON.parse(text).n)).toEqual([...Array(100).keys()]);
    output.write(line(100));
    await endOfTurn();
    expect(linesOf(pipe)).toHaveLength(101);
    expect(output).toMatchObject({ droppedLines: 0, bufferedBytes: 0 });
  });

  it('holds at most its bound while the reader stalls, drops and counts the rest, and reports once when it catches up', async () => {
    const pipe = new Pipe();
    const output = new LogOutput(pipe, { maxBufferedBytes: BOUND });
    const reports: number[] = [];
    const reported = new Promise<void>((resolve) =>
      output.onRecovered((dropped) => {
        reports.push(dropped);
        resolve();
      }),
    );
    pipe.stalled = true;
    for (let n = 0; n < 100; n++) {
      output.write(line(n));
      expect(output.bufferedBytes).toBeLessThanOrEqual(BOUND);
    }
    expect(output.droppedLines).toBe(90);

    pipe.resume();
    await reported;
    expect(reports).toEqual([90]);
    expect(linesOf(pipe).map((text) => JSON.parse(text).n)).toEqual([...Array(10).keys()]);
    output.write(line(100)); // back to normal, no second report
    await endOfTurn();
    expect(linesOf(pipe)).toHaveLength(11);
    expect(reports).toEqual([90]);
  });

  it('drops and counts every line once the reader is gone, without throwing or reporting recovery', async () => {
    const pipe = new Pipe();
    const output = new LogOutput(pipe, { maxBufferedBytes: BOUND });
    const reports: number[] = [];
    output.onRecovered((dropped) => reports.push(dropped));
    pipe.stalled = true;
    output.write(line(0));
    const closed = new Promise((resolve) => pipe.on('close', resolve));
    pipe.break();
    await closed;
    for (let n = 1; n <= 50; n++) output.write(line(n));
    expect(output).toMatchObject({ droppedLines: 50, bufferedBytes: 0 });
    expect(reports).toEqual([]);
    await expect(output.flush(10_000)).resolves.toBeUndefined(); // nothing to wait for
  });

  it('drops a single line longer than the bound and reports it at once', async () => {
    const pipe = new Pipe();
    const output = new LogOutput(pipe, { maxBufferedBytes: BOUND });
    const reports: number[] = [];
    output.onRecovered((dropped) => reports.push(dropped));
    output.write(`${'y'.repeat(BOUND)}\n`);
    await new Promise((resolve) => setImmediate(resolve));
    expect(reports).toEqual([1]);
    expect(pipe.received).toEqual([]);
  });

  it('flushes: waits until what it holds is taken, or gives up after the timeout', async () => {
    const pipe = new Pipe();
    const output = new LogOutput(pipe, { maxBufferedBytes: BOUND });
    pipe.stalled = true;
    output.write(line(0));
    await output.flush(20); // the reader never comes: the timeout ends the wait
    expect(pipe.received).toEqual([]);

    const flushed = output.flush(60_000);
    pipe.resume();
    await flushed;
    expect(pipe.received).toHaveLength(1);
  });

  it('writes the recovery warning through the logger it feeds, as a JSON line', async () => {
    const pipe = new Pipe();
    const output = new LogOutput(pipe, { maxBufferedBytes: 2048 });
    const logger = createLogger('info', output);
    pipe.stalled = true;
    for (let n = 0; n < 100; n++) logger.info({ n }, 'filler');
    const dropped = output.droppedLines;
    expect(dropped).toBeGreaterThan(0);
    const warned = new Promise((resolve) =>
      pipe.on('received', (text: string) => text.includes('"warn"') && resolve(text)),
    );
    pipe.resume();
    await warned;
    await endOfTurn();
    const lines = linesOf(pipe).map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(lines.at(-1)).toMatchObject({
      level: 'warn',
      service: 'device-intelligence-subgraph',
      droppedLines: dropped,
      blockedMs: expect.any(Number),
      msg: 'log output caught up: lines were dropped while its reader was stalled',
    });
    expect(lines.filter((each) => each['msg'] === 'filler')).toHaveLength(100 - dropped);
  });
});
