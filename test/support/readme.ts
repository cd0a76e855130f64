import { readFileSync } from 'node:fs';
import { Kind, type ObjectTypeDefinitionNode, parse } from 'graphql';
import { loadTypeDefs } from '../../src/graphql/schema.ts';

/** The README, as a user reads it. */
export const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

export interface ReadmeExample {
  query: string;
  variables?: Record<string, unknown>;
  /** `subgraph`: asks this subgraph alone; `supergraph`: needs other subgraphs (users, orders). */
  target: 'subgraph' | 'supergraph';
}

/** Root fields this subgraph serves (federation and introspection included). */
const OUR_ROOT_FIELDS = new Set([
  ...(
    loadTypeDefs().definitions.find(
      (definition): definition is ObjectTypeDefinitionNode =>
        definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === 'Query',
    )?.fields ?? []
  ).map((field) => field.name.value),
  '_entities',
  '_service',
  '__schema',
  '__type',
  '__typename',
]);

function target(query: string): ReadmeExample['target'] {
  const document = parse(query);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const selection of definition.selectionSet.selections) {
      if (selection.kind === Kind.FIELD && !OUR_ROOT_FIELDS.has(selection.name.value)) return 'supergraph';
    }
  }
  return 'subgraph';
}

/**
 * Every GraphQL operation the README shows: ```graphql blocks (schema excerpts excluded), with the
 * ```json block right after one as its variables (a JSON block further on is a sample response),
 * and the `curl -d '{"query": …}'` examples.
 */
export function readmeExamples(): ReadmeExample[] {
  const examples: ReadmeExample[] = [];
  const blocks = [...README.matchAll(/```(graphql|json|sh)\n([\s\S]*?)```/g)];
  for (const [index, block] of blocks.entries()) {
    const [, language, body = ''] = block;
    if (language === 'graphql') {
      if (/^\s*(type|extend|directive|schema|scalar|enum|input|interface|union)\b/m.test(body)) continue;
      const next = blocks[index + 1];
      const adjacent =
        next?.[1] === 'json' && README.slice((block.index ?? 0) + block[0].length, next.index).trim() === '';
      const variables = adjacent ? (JSON.parse(next[2] ?? '{}') as Record<string, unknown>) : undefined;
      examples.push({ query: body, ...(variables ? { variables } : {}), target: target(body) });
    }
    if (language === 'sh') {
      for (const match of body.matchAll(/-d '(\{"query".*?\})'/g)) {
        const example = JSON.parse(match[1] ?? '{}') as { query: string; variables?: Record<string, unknown> };
        examples.push({ ...example, target: target(example.query) });
      }
    }
  }
  return examples;
}
