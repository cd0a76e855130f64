import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { fromPackageRoot, startScriptFlags } from '../../bench/subgraph.ts';

/** What `npm start` loads before src/main.ts: src/compile-cache.js turns Node's compile cache on. */
function compileCacheDir(env: Record<string, string>): string {
  const preload = startScriptFlags()
    .filter((flag) => flag.startsWith('--import='))
    .map(fromPackageRoot);
  expect(preload).toHaveLength(1);
  // From another directory, as a child of any cwd would run it.
  const run = spawnSync(
    process.execPath,
    [...preload, '-e', "import('node:module').then((m) => process.stdout.write(String(m.getCompileCacheDir())))"],
    { cwd: tmpdir(), env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8' },
  );
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

describe('the start script', () => {
  it("turns Node's compile cache on before the entry loads, in NODE_COMPILE_CACHE when set", () => {
    expect(compileCacheDir({})).toMatch(/node-compile-cache/);
    const chosen = `${tmpdir()}/compile-cache-test`;
    expect(compileCacheDir({ NODE_COMPILE_CACHE: chosen })).toContain(chosen);
  });

  it('leaves it off when NODE_DISABLE_COMPILE_CACHE is set', () => {
    expect(compileCacheDir({ NODE_DISABLE_COMPILE_CACHE: '1' })).toBe('undefined');
  });

  it('names its preload relative to the package, which the benchmark makes absolute', () => {
    expect(fromPackageRoot('--import=./src/compile-cache.js')).toMatch(
      /^--import=file:\/\/\/.+\/src\/compile-cache\.js$/,
    );
    expect(fromPackageRoot('--max-semi-space-size=8')).toBe('--max-semi-space-size=8');
  });
});
