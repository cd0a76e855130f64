import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, type ObjectTypeDefinitionNode, parse } from 'graphql';
import { loadTypeDefs } from '../../src/graphql/schema.ts';

/**
 * The code blocks of the documentation a user reads: the README, docs/ and the examples' READMEs.
 * Tests run or check what these blocks say; no test reads the prose around them.
 */

const ROOT = new URL('../../', import.meta.url);

/**
 * The worked policy file of docs/checkpoints.md (it is examples/bff's): a subgraph that runs the
 * docs' queries needs it, since they name its checkpoints.
 */
export const WORKED_POLICY_FILE = fileURLToPath(new URL('examples/bff/risk-policy.yaml', ROOT));

/** Markdown files, relative to the repository root. */
export const DOC_FILES: readonly string[] = [
  'README.md',
  ...readdirSync(new URL('docs/', ROOT), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
  ...readdirSync(new URL('examples/', ROOT), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `examples/${entry.name}/README.md`),
].sort();

export interface CodeBlock {
  file: string;
  language: string;
  body: string;
  /** Whether nothing but whitespace separates this block from the one before it. */
  followsPrevious: boolean;
}

/** Every fenced code block of every documentation file, in order. */
export function codeBlocks(): CodeBlock[] {
  return DOC_FILES.flatMap((file) => {
    const text = readFileSync(new URL(file, ROOT), 'utf8');
    let previousEnd = -1;
    return [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => {
      const start = match.index ?? 0;
      const followsPrevious = previousEnd >= 0 && text.slice(previousEnd, start).trim() === '';
      previousEnd = start + match[0].length;
      return { file, language: match[1] ?? '', body: match[2] ?? '', followsPrevious };
    });
  });
}

export interface DocExample {
  file: string;
  query: string;
  variables?: Record<string, unknown>;
  /** `subgraph`: asks this subgraph alone; `supergraph`: needs other subgraphs (users, orders). */
  target: 'subgraph' | 'supergraph';
}

/** Root fields this subgraph serves, queries and mutations (federation and introspection included). */
const OUR_ROOT_FIELDS = new Set([
  ...loadTypeDefs()
    .definitions.filter(
      (definition): definition is ObjectTypeDefinitionNode =>
        definition.kind === Kind.OBJECT_TYPE_DEFINITION && ['Query', 'Mutation'].includes(definition.name.value),
    )
    .flatMap((definition) => definition.fields ?? [])
    .map((field) => field.name.value),
  '_entities',
  '_service',
  '__schema',
  '__type',
  '__typename',
]);

function target(query: string): DocExample['target'] {
  for (const definition of parse(query).definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const selection of definition.selectionSet.selections) {
      if (selection.kind === Kind.FIELD && !OUR_ROOT_FIELDS.has(selection.name.value)) return 'supergraph';
    }
  }
  return 'subgraph';
}

/** A ```graphql block that is SDL (a schema excerpt), not an operation. */
export const isSchemaBlock = (body: string) =>
  /^\s*(type|extend|directive|schema|scalar|enum|input|interface|union)\b/m.test(body);

/**
 * Every GraphQL operation the docs show: ```graphql blocks (schema excerpts excluded), with a
 * ```json block right after one as its variables (a JSON block further on is a sample response),
 * and the `curl -d '{"query": …}'` commands of ```sh blocks.
 */
export function docExamples(): DocExample[] {
  const blocks = codeBlocks();
  return blocks.flatMap(({ file, language, body }, index): DocExample[] => {
    if (language === 'graphql' && !isSchemaBlock(body)) {
      const next = blocks[index + 1];
      const variables =
        next?.file === file && next.language === 'json' && next.followsPrevious
          ? (JSON.parse(next.body) as Record<string, unknown>)
          : undefined;
      return [{ file, query: body, ...(variables ? { variables } : {}), target: target(body) }];
    }
    if (language === 'sh') {
      return [...body.matchAll(/-d '(\{"query".*?\})'/g)].map((match) => {
        const example = JSON.parse(match[1] ?? '{}') as { query: string; variables?: Record<string, unknown> };
        return { file, ...example, target: target(example.query) };
      });
    }
    return [];
  });
}

/**
 * Environment assignments in the docs' shell commands (`NAME=value command`, `-e NAME=value`),
 * quotes removed, for the variables in `names`.
 */
export function shellAssignments(names: readonly string[]): { file: string; name: string; value: string }[] {
  const wanted = new Set(names);
  return codeBlocks()
    .filter((block) => block.language === 'sh')
    .flatMap(({ file, body }) =>
      [...body.matchAll(/(?:^|\s)([A-Z][A-Z0-9_]*)=('[^']*'|"[^"]*"|\S*)/gm)]
        .map(([, name = '', raw = '']) => ({ file, name, value: raw.replace(/^(['"])(.*)\1$/, '$2') }))
        .filter(({ name }) => wanted.has(name)),
    );
}
