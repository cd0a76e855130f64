import { describe, expect, it } from 'vitest';
import { readyUrl, startScriptFlags } from '../../bench/subgraph.ts';

/** The benchmark starts our subgraph as `npm start` does: with the start script's Node flags. */
describe('benchmark subgraph start', () => {
  it('reads the Node flags of the start script, and refuses a script of another shape', () => {
    expect(startScriptFlags('exec node src/main.ts')).toEqual([]);
    expect(startScriptFlags('exec node --max-semi-space-size=4 --abort-on-uncaught-exception src/main.ts')).toEqual([
      '--max-semi-space-size=4',
      '--abort-on-uncaught-exception',
    ]);
    expect(() => startScriptFlags('node dist/main.js')).toThrow(/start script/);
    expect(() => startScriptFlags('exec node src/main.ts && echo')).toThrow(/start script/);
    // package.json's own script parses (the benchmark would not run otherwise).
    expect(Array.isArray(startScriptFlags())).toBe(true);
  });

  it('finds the URL in the ready log line only', () => {
    const line = JSON.stringify({
      level: 'info',
      msg: 'device-intelligence subgraph ready',
      url: 'http://127.0.0.1:4321/graphql',
    });
    expect(readyUrl(line)).toEqual({ url: 'http://127.0.0.1:4321' });
    expect(readyUrl(JSON.stringify({ level: 'info', msg: 'graphql request' }))).toBeUndefined();
    expect(readyUrl('device-intelligence subgraph ready, but not JSON')).toBeUndefined();
  });
});
