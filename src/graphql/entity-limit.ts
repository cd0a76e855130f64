import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  getArgumentValues,
  getVariableValues,
} from 'graphql';
import { badUserInput } from './errors.ts';
import { type Fragments, selectedFields } from './plan.ts';

/**
 * Caps the entity representations one request may ask for (`MAX_ENTITY_REPRESENTATIONS`). Each
 * representation can cost several vendor calls, and `_entities` is the one list whose length
 * nothing else bounds: the router sends what other subgraphs returned. Checked once the operation
 * is known and before any resolver runs, on the coerced `representations` argument, whether it
 * came as a literal or a variable, summed over every `_entities` field (aliases included).
 */
export function entityLimitPlugin<Context extends BaseContext>(
  maxRepresentations: number,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, request }) {
          if (!operation) return;
          const count = countRepresentations(schema, document, operation, request.variables ?? {});
          if (count > maxRepresentations) {
            throw badUserInput(
              `_entities accepts at most ${maxRepresentations} representations per request (got ${count}); split the request`,
              'representations',
              400,
            );
          }
        },
      };
    },
  };
}

/**
 * Representations the operation asks for. Input that does not coerce counts as 0 here: execution
 * rejects it with Apollo Server's own error.
 */
function countRepresentations(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const queryType = schema.getQueryType();
  const entities = queryType?.getFields()['_entities'];
  if (operation.operation !== 'query' || !queryType || !entities) return 0;
  const nodes = selectedFields(operation.selectionSet, fragmentsOf(document), queryType.name).get('_entities');
  if (!nodes) return 0;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return 0;
  let count = 0;
  for (const node of nodes) {
    try {
      const representations = getArgumentValues(entities, node, coerced.coerced)['representations'];
      count += Array.isArray(representations) ? representations.length : 1;
    } catch {
      // Left to execution, which reports the bad argument.
    }
  }
  return count;
}

function fragmentsOf(document: DocumentNode): Fragments {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}
