import { renderEnvTable } from './env-table.ts';
import { performance } from './performance.ts';
import { vendorMatrix } from './vendor-matrix.ts';

/**
 * README blocks generated from code, between `<!-- generated:NAME -->` and
 * `<!-- /generated:NAME -->`. `npm run docs` rewrites them; a test fails when they are stale.
 */
export const README_BLOCKS: Record<string, () => string> = {
  'vendor-matrix': vendorMatrix,
  'env-table': renderEnvTable,
  performance,
};

/** The README with every generated block rewritten. Throws when a block's markers are missing. */
export function renderReadme(readme: string): string {
  let result = readme;
  for (const [name, render] of Object.entries(README_BLOCKS)) {
    const start = `<!-- generated:${name} -->`;
    const end = `<!-- /generated:${name} -->`;
    const from = result.indexOf(start);
    const to = result.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README.md lacks the ${start} … ${end} markers`);
    result = `${result.slice(0, from + start.length)}\n${render()}\n${result.slice(to)}`;
  }
  return result;
}
