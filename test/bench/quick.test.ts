import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchResults } from '../../bench/results.ts';

/**
 * `npm run bench -- --quick` inside `npm test`, so the benchmark cannot rot: every scenario must
 * run and every answer must be right (data, vendor-call counts). Timings are never asserted.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function runQuick(out: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bench/main.ts', '--quick', '--out', out], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('close', (code) => resolve({ code, output }));
  });
}

describe('benchmark quick mode', () => {
  const out = mkdtempSync(join(tmpdir(), 'bench-quick-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('runs every scenario and gets correct answers', { timeout: 120_000 }, async () => {
    const { code, output } = await runQuick(out);
    expect(code, output).toBe(0);

    const results = JSON.parse(readFileSync(join(out, 'quick.json.tmp'), 'utf8')) as BenchResults;
    expect(results.mode).toBe('quick');
    expect(results.errors).toEqual([]);
    expect(results.scenarios.map((scenario) => scenario.id)).toEqual([
      'B0',
      'B1',
      'B2',
      'B3',
      'B3u',
      'B3h',
      'B4a',
      'B4b',
      'B5a',
      'B5b',
      'B6r',
      'B6s',
    ]);
    for (const scenario of results.scenarios) {
      expect(scenario.rounds.length, scenario.id).toBeGreaterThan(0);
      expect(
        scenario.rounds.every((round) => round.requests > 0),
        scenario.id,
      ).toBe(true);
      expect(
        scenario.checks.filter((check) => !check.ok),
        scenario.id,
      ).toEqual([]);
    }
    const calls = Object.fromEntries(
      results.scenarios.map((scenario) => [scenario.id, scenario.summary.callsPerQuery?.median]),
    );
    expect(calls).toMatchObject({ B2: 0, B3: 5, B3u: 5, B3h: 5, B4a: 80, B4b: 16, B5a: 1, B5b: 1 });
    expect(results.soak?.samples.length).toBeGreaterThanOrEqual(2);
    expect(results.soak?.liveHeapMB?.end).toBeGreaterThan(0);
    expect(results.targets.map((target) => target.status)).not.toContain('not run');
    expect(readFileSync(join(out, 'quick.svg.tmp'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
    expect(results.ok).toBe(true);
  });
});
