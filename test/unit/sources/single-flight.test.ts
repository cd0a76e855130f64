import { describe, expect, it } from 'vitest';
import { SingleFlight } from '../../../src/sources/single-flight.ts';

const abandon = () => new Error('gave up');

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('SingleFlight', () => {
  it('shares one call between concurrent callers of the same key', async () => {
    const flights = new SingleFlight<string>();
    let calls = 0;
    const gate = deferred<string>();
    const call = () => {
      calls += 1;
      return gate.promise;
    };
    const signal = new AbortController().signal;
    const results = [1, 2, 3].map(() =>
      flights.run('k', call, signal, { abortWhenAbandoned: true, onAbandon: abandon }),
    );
    gate.resolve('value');
    await expect(Promise.all(results)).resolves.toEqual(['value', 'value', 'value']);
    expect(calls).toBe(1);
    expect(flights.size).toBe(0);
  });

  it('lets one caller give up without disturbing the others', async () => {
    const flights = new SingleFlight<string>();
    const gate = deferred<string>();
    let callSignal: AbortSignal | undefined;
    const call = (signal: AbortSignal) => {
      callSignal = signal;
      return gate.promise;
    };
    const impatient = new AbortController();
    const first = flights.run('k', call, impatient.signal, { abortWhenAbandoned: true, onAbandon: abandon });
    const second = flights.run('k', call, new AbortController().signal, {
      abortWhenAbandoned: true,
      onAbandon: abandon,
    });
    impatient.abort();
    await expect(first).rejects.toThrow('gave up');
    expect(callSignal?.aborted).toBe(false);
    gate.resolve('value');
    await expect(second).resolves.toBe('value');
  });

  it('aborts the call when the last caller gives up, unless the call must complete', async () => {
    for (const abortWhenAbandoned of [true, false]) {
      const flights = new SingleFlight<string>();
      let callSignal: AbortSignal | undefined;
      const caller = new AbortController();
      const pending = flights.run(
        'k',
        (signal) => {
          callSignal = signal;
          return new Promise<string>(() => undefined);
        },
        caller.signal,
        { abortWhenAbandoned, onAbandon: abandon },
      );
      await Promise.resolve();
      caller.abort();
      await expect(pending).rejects.toThrow('gave up');
      expect(callSignal?.aborted).toBe(abortWhenAbandoned);
    }
  });
});
