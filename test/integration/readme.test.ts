import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.ts';

/** Every ```graphql block of the README, with the ```json block right after it as variables. */
function readmeQueries(): { query: string; variables?: Record<string, unknown> }[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const blocks = [...readme.matchAll(/```(graphql|json)\n([\s\S]*?)```/g)].map((match) => ({
    kind: match[1],
    body: match[2]!,
  }));
  return blocks.flatMap((block, index) => {
    if (block.kind !== 'graphql') return [];
    // Schema excerpts (type definitions) are documentation, not operations.
    if (/^\s*(type|extend|directive|schema)\b/m.test(block.body)) return [];
    const next = blocks[index + 1];
    const variables = next?.kind === 'json' ? (JSON.parse(next.body) as Record<string, unknown>) : undefined;
    return [{ query: block.body, ...(variables ? { variables } : {}) }];
  });
}

describe('the README examples', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  const queries = readmeQueries();
  it('has examples', () => expect(queries.length).toBeGreaterThanOrEqual(3));

  for (const [index, { query, variables }] of queries.entries()) {
    it(`example ${index + 1} runs without errors: ${query.replace(/\s+/g, ' ').slice(0, 60)}…`, async () => {
      const response = await harness.query(query, variables);
      expect(response.errors).toBeUndefined();
      expect(response.data).toBeTruthy();
    });
  }
});
