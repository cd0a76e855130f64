import type { Vendor } from '../../src/model/vendor.ts';
import type { BenchContext } from './types.ts';

/**
 * Exact vendor-call accounting from the simulator's per-token counters: for the tokens of the
 * answered requests, how many calls each vendor received, and which tokens did not get exactly
 * `expected` (requests cut off at the end of a round are not among the answered, so they do not blur
 * the count).
 */
export async function tokenCallCounts(
  context: BenchContext,
  vendors: readonly Vendor[],
  tokens: string[],
  expected: number,
): Promise<{ total: number; wrong: string[] }> {
  let total = 0;
  const wrong: string[] = [];
  for (const vendor of vendors) {
    const counts = await context.simulator.call('tokenCalls', { vendor, tokens });
    counts.forEach((count, index) => {
      total += count;
      if (count !== expected && wrong.length < 5) wrong.push(`${vendor} ${tokens[index]}: ${count} calls`);
    });
  }
  return { total, wrong };
}
