import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  type DocumentNode,
  type GraphQLSchema,
  getArgumentValues,
  getVariableValues,
  type OperationDefinitionNode,
} from 'graphql';
import { badUserInput } from '../errors/graphql-errors.ts';
import { fragmentsOf, selectedFields } from '../selection.ts';

/** The entities this subgraph resolves; every representation must name one of them and carry its key. */
const ENTITY_TYPES: ReadonlySet<string> = new Set(['Event', 'Device']);

/**
 * Validates `_entities` input before any resolver runs:
 * - caps the representations one request may ask for (`MAX_ENTITY_REPRESENTATIONS`): each one can
 *   cost several vendor calls, and `_entities` is the one list whose length nothing else bounds
 *   (the router sends what other subgraphs returned);
 * - refuses representations that are not objects naming one of our entities, which `@apollo/subgraph`
 *   would otherwise report as an internal error. A bad key (`id` missing, not a string, not ours)
 *   fails only its own entity, in its `__resolveReference`.
 * Checked on the coerced `representations` argument, whether it came as a literal or a variable,
 * over every `_entities` field (aliases included).
 */
export function entityInputPlugin<Context extends BaseContext>(
  maxRepresentations: number,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, request }) {
          if (!operation) return;
          const representations = representationsOf(schema, document, operation, request.variables ?? {});
          if (representations.length > maxRepresentations) {
            throw badUserInput(
              `_entities accepts at most ${maxRepresentations} representations per request (got ${representations.length}); split the request`,
              'representations',
              400,
            );
          }
          const invalid = representations.findIndex((representation) => !isRepresentation(representation));
          if (invalid >= 0) {
            throw badUserInput(
              `representations[${invalid}] must be an object whose __typename is Event or Device`,
              'representations',
              400,
            );
          }
        },
      };
    },
  };
}

function isRepresentation(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const typename = (value as Record<string, unknown>)['__typename'];
  return typeof typename === 'string' && ENTITY_TYPES.has(typename);
}

/**
 * The representations the operation asks for. Input that does not coerce yields none here:
 * execution rejects it with Apollo Server's own error.
 */
function representationsOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): unknown[] {
  const queryType = schema.getQueryType();
  const entities = queryType?.getFields()['_entities'];
  if (operation.operation !== 'query' || !queryType || !entities) return [];
  // As written: a representation under `@skip` still counts, like every other guard counts it.
  const scope = { fragments: fragmentsOf(document), conditions: 'as-written' } as const;
  const nodes = selectedFields([operation.selectionSet], queryType.name, scope).get('_entities');
  if (!nodes) return [];
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return [];
  return nodes.flatMap((node) => {
    try {
      const representations: unknown = getArgumentValues(entities, node, coerced.coerced)['representations'];
      return Array.isArray(representations) ? representations : [representations];
    } catch {
      return []; // left to execution, which reports the bad argument
    }
  });
}
