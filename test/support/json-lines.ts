export type JsonLine = Record<string, unknown> & { msg?: string };

/** Log lines as a process writes them (JSON where they are JSON), and waits for the first that matches. */
export class JsonLines {
  readonly lines: JsonLine[] = [];
  readonly #waiters: { match: (line: JsonLine) => boolean; resolve: (line: JsonLine) => void }[] = [];
  readonly #ended: Promise<string>;
  #end: (reason: string) => void = () => undefined;

  constructor() {
    this.#ended = new Promise((resolve) => {
      this.#end = resolve;
    });
  }

  add(text: string): void {
    let line: JsonLine;
    try {
      line = JSON.parse(text) as JsonLine;
    } catch {
      line = { msg: text };
    }
    this.lines.push(line);
    for (const waiter of [...this.#waiters]) {
      if (!waiter.match(line)) continue;
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  }

  /** No line will come any more (the writer exited): waits for lines not yet seen fail with `reason`. */
  end(reason: string): void {
    this.#end(reason);
  }

  /** The first line (already written or still to come) that matches. */
  waitFor(match: (line: JsonLine) => boolean, what = 'a log line'): Promise<JsonLine> {
    const seen = this.lines.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<JsonLine>((resolve, reject) => {
      this.#waiters.push({ match, resolve });
      void this.#ended.then((reason) => reject(new Error(`${reason} before ${what}`)));
    });
  }
}
