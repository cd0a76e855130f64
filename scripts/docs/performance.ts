import { existsSync, readFileSync } from 'node:fs';
import { performanceBlock } from '../../bench/report.ts';
import type { BenchResults } from '../../bench/results.ts';

/**
 * docs/performance.md's results tables, rendered from the committed results of the latest full
 * benchmark run (bench/results/latest.json), never by running the benchmark: the docs check must
 * stay fast and deterministic. `npm run bench` rewrites both the JSON and this block.
 */
export function performance(): string {
  const path = new URL('../../bench/results/latest.json', import.meta.url);
  const results = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as BenchResults) : undefined;
  return performanceBlock(results);
}
