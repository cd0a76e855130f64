import {
  GraphQLError,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { QueryLimitSettings } from '../../config/security.ts';
import { type Fragments, fragmentsOf, SelectionWalker } from '../selection.ts';

/**
 * Query limits, checked before anything executes (the estimated cost, which needs the variables,
 * is in query-cost.ts). A subgraph of a fraud platform is probed by
 * people who want to burn its vendor quota or its CPU: every limit here bounds work that one request
 * can cause. Tokens are capped by graphql-js's parser (`parseOptions.maxTokens`, it stops lexing at
 * the limit); depth, aliases, directives and selections by the validation rule below, which counts
 * them per operation with fragments expanded, so fragments cannot hide work (a fragment spread ten
 * times counts ten times), and under `@skip`/`@include` too, so variables cannot hide work either.
 *
 * graphql-armor was evaluated: its max-tokens plugin throws from `parsingDidStart`, which Apollo
 * Server 5 turns into HTTP 500 (and `executeOperation` rejects), and its rules report
 * "Syntax Error: …" as validation errors. One small rule with our own code is simpler to trust.
 */

export const QUERY_LIMIT_CODE = 'QUERY_LIMIT_EXCEEDED';

export type QueryLimit = 'depth' | 'aliases' | 'tokens' | 'directives' | 'selections' | 'cost';

const DESCRIPTION: Record<QueryLimit, (max: number) => string> = {
  depth: (max) => `a depth of ${max} nested fields`,
  aliases: (max) => `${max} aliases`,
  tokens: (max) => `${max} tokens`,
  directives: (max) => `${max} directives`,
  selections: (max) => `${max} selections (fields and fragments, with fragments expanded)`,
  cost: (max) => `an estimated cost of ${max} (see @cost and @listSize in the schema)`,
};

/** What a client reads when a query is refused. */
export function limitMessage(limit: QueryLimit, max: number): string {
  return `The operation exceeds the limit of ${DESCRIPTION[limit](max)}`;
}

/** The graphql-js validation rule enforcing depth, aliases, directives and selections. */
export function queryLimitsRule(limits: QueryLimitSettings): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation) {
      const exceeded = measure(operation, fragmentsOf(context.getDocument()), limits);
      if (exceeded) {
        const max = maxOf(exceeded, limits);
        context.reportError(
          new GraphQLError(limitMessage(exceeded, max), {
            nodes: operation,
            extensions: { code: QUERY_LIMIT_CODE, limit: exceeded, max },
          }),
        );
      }
      // The walk already covered the operation; nothing below needs this rule's visitor.
      return false;
    },
  });
}

function maxOf(limit: QueryLimit, limits: QueryLimitSettings): number {
  switch (limit) {
    case 'depth':
      return limits.maxDepth;
    case 'aliases':
      return limits.maxAliases;
    case 'tokens':
      return limits.maxTokens;
    case 'directives':
      return limits.maxDirectives;
    case 'selections':
      return limits.maxSelections;
    case 'cost':
      return limits.maxCost;
  }
}

/**
 * Walks the operation as written (`@skip`/`@include` ignored, every fragment spread expanded) and
 * stops at the first limit exceeded, so the work is bounded by the limits themselves, not by how
 * much a document expands to. Introspection (`__schema`, `__type`) adds no depth: its shape is
 * fixed by the schema, graphql-js's MaxIntrospectionDepthRule bounds its recursion, and
 * introspection is off in production.
 */
function measure(
  operation: OperationDefinitionNode,
  fragments: Fragments,
  limits: QueryLimitSettings,
): QueryLimit | undefined {
  let aliases = 0;
  let selections = 0;
  let directives =
    (operation.directives?.length ?? 0) +
    (operation.variableDefinitions ?? []).reduce((sum, variable) => sum + (variable.directives?.length ?? 0), 0);
  if (directives > limits.maxDirectives) return 'directives';
  // Unknown and cyclic fragments are graphql-js's to report (KnownFragmentNames, NoFragmentCycles).
  const walker = new SelectionWalker({ fragments, conditions: 'as-written', spreads: 'each' });

  const walk = (
    set: SelectionSetNode,
    depth: number,
    introspection: boolean,
    nesting: number,
  ): QueryLimit | undefined => {
    for (const walked of walker.selections(set, undefined, nesting)) {
      if (walked.kind === 'too-deep') return 'depth';
      selections += 1;
      if (selections > limits.maxSelections) return 'selections';
      const definition = walked.kind === 'fragment' ? walked.definition : undefined;
      directives += (walked.node.directives?.length ?? 0) + (definition?.directives?.length ?? 0);
      if (directives > limits.maxDirectives) return 'directives';
      if (walked.kind === 'fragment') continue;
      const field = walked.node;
      if (field.alias) {
        aliases += 1;
        if (aliases > limits.maxAliases) return 'aliases';
      }
      const inIntrospection = introspection || field.name.value === '__schema' || field.name.value === '__type';
      const fieldDepth = inIntrospection ? depth : depth + 1;
      if (fieldDepth > limits.maxDepth) return 'depth';
      const exceeded = field.selectionSet && walk(field.selectionSet, fieldDepth, inIntrospection, walked.nesting + 1);
      if (exceeded) return exceeded;
    }
    return undefined;
  };
  return walk(operation.selectionSet, 0, false, 0);
}

/**
 * graphql-js's message when the parser stops at `maxTokens` ("more that" in graphql 16, "more
 * than" in 17; pinned by a test against the installed graphql-js).
 */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more th[ae][nt] \d+ tokens\. Parsing aborted\.$/;

/**
 * Recognises a refused query in an error about to be sent. Apollo Server re-codes validation
 * errors as GRAPHQL_VALIDATION_FAILED (keeping our `limit` extension) and parse errors as
 * GRAPHQL_PARSE_FAILED; both become QUERY_LIMIT_EXCEEDED with the limit named, so clients and
 * dashboards see one stable code for "your query is too big".
 */
export function limitExceeded(
  formatted: GraphQLFormattedError,
  limits: QueryLimitSettings,
): { limit: QueryLimit; max: number } | undefined {
  const extensions = formatted.extensions ?? {};
  const limit = extensions['limit'];
  if (extensions['code'] === 'GRAPHQL_VALIDATION_FAILED' && typeof limit === 'string' && limit in DESCRIPTION) {
    return { limit: limit as QueryLimit, max: maxOf(limit as QueryLimit, limits) };
  }
  if (extensions['code'] === 'GRAPHQL_PARSE_FAILED' && TOKEN_LIMIT_MESSAGE.test(formatted.message)) {
    return { limit: 'tokens', max: limits.maxTokens };
  }
  return undefined;
}
