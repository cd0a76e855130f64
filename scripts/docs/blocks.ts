import { readFileSync, writeFileSync } from 'node:fs';
import { checkpointFields, workedPolicy } from './checkpoints.ts';
import { costDirectives } from './cost-directives.ts';
import { documentedFields } from './documented-fields.ts';
import { renderEnvTable } from './env-table.ts';
import { errorCodes } from './error-codes.ts';
import { metricsTable } from './metrics-table.ts';
import { performance } from './performance.ts';
import { productionCommands } from './production-commands.ts';
import { queryLimits } from './query-limits.ts';
import { riskPolicy } from './risk-policy.ts';
import { scopedFields, taggedFields } from './tagged-fields.ts';
import { vendorMatrix } from './vendor-matrix.ts';
import { webhookEndpoints } from './webhook-endpoints.ts';

/**
 * The documentation's blocks generated from code, between `<!-- generated:NAME -->` and
 * `<!-- /generated:NAME -->`, per file (paths from the repository root). `npm run docs` rewrites
 * them; test/unit/docs.test.ts fails when a committed file differs from its rendering.
 */
export const GENERATED_BLOCKS: Readonly<Record<string, Readonly<Record<string, () => string>>>> = {
  'docs/configuration.md': { 'env-table': renderEnvTable, 'risk-policy': riskPolicy },
  'docs/checkpoints.md': { 'worked-policy': workedPolicy, 'checkpoint-fields': checkpointFields },
  'docs/vendors.md': { 'vendor-matrix': vendorMatrix, 'documented-fields': documentedFields },
  'docs/performance.md': { performance },
  'docs/security.md': {
    'error-codes': errorCodes,
    'query-limits': queryLimits,
    'pii-fields': () => taggedFields('pii'),
  },
  'docs/operations.md': { metrics: metricsTable, 'production-commands': productionCommands },
  'docs/webhooks.md': { 'webhook-endpoints': webhookEndpoints },
  'docs/federation.md': {
    'cost-directives': costDirectives,
    'internal-fields': () => taggedFields('internal'),
    'scoped-fields': scopedFields,
  },
};

const ROOT = new URL('../../', import.meta.url);

const MARKER = /<!-- (\/?)generated:([a-z-]+) -->/g;

/**
 * `text` (the content of `file`) with every generated block rewritten. Throws when a block's
 * markers are missing, or when the text has a block this file does not generate.
 */
export function renderBlocks(file: string, text: string): string {
  const blocks = GENERATED_BLOCKS[file] ?? {};
  const unknown = [...text.matchAll(MARKER)].map((match) => match[2]).filter((name) => name && !(name in blocks));
  if (unknown.length > 0) throw new Error(`${file} has generated blocks nothing renders: ${unknown.join(', ')}`);
  let result = text;
  for (const [name, render] of Object.entries(blocks)) {
    const start = `<!-- generated:${name} -->`;
    const end = `<!-- /generated:${name} -->`;
    const from = result.indexOf(start);
    const to = result.indexOf(end);
    if (from < 0 || to < from) throw new Error(`${file} lacks the ${start} … ${end} markers`);
    result = `${result.slice(0, from + start.length)}\n${render()}\n${result.slice(to)}`;
  }
  return result;
}

/** Rewrites the generated blocks of one file in place; returns whether anything changed. */
export function regenerate(file: string): boolean {
  const url = new URL(file, ROOT);
  const text = readFileSync(url, 'utf8');
  const rendered = renderBlocks(file, text);
  if (rendered !== text) writeFileSync(url, rendered);
  return rendered !== text;
}
