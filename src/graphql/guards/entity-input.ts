import type { BaseContext } from '@apollo/server';
import {
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  getArgumentValues,
  getVariableValues,
  type OperationDefinitionNode,
} from 'graphql';
import { badUserInput } from '../errors/graphql-errors.ts';
import type { RequestHooks } from '../request-hooks.ts';
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
export function entityInputHooks<Context extends BaseContext>(maxRepresentations: number): RequestHooks<Context> {
  // Which `_entities` fields an operation has depends on its document alone, which Apollo Server
  // reuses across requests: found once per operation.
  const entityFields = new WeakMap<OperationDefinitionNode, readonly FieldNode[]>();
  return {
    didResolveOperation({ operation, document, schema, request }) {
      if (!operation) return;
      let nodes = entityFields.get(operation);
      if (!nodes) {
        nodes = entitiesFieldsOf(schema, document, operation);
        entityFields.set(operation, nodes);
      }
      if (nodes.length === 0) return;
      const representations = representationsOf(schema, operation, nodes, request.variables ?? {});
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
}

function isRepresentation(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const typename = (value as Record<string, unknown>)['__typename'];
  return typeof typename === 'string' && ENTITY_TYPES.has(typename);
}

/** The operation's `_entities` fields (aliases included), as written: under `@skip` they still count, like every other guard counts them. */
function entitiesFieldsOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): readonly FieldNode[] {
  const queryType = schema.getQueryType();
  if (operation.operation !== 'query' || !queryType?.getFields()['_entities']) return [];
  const scope = { fragments: fragmentsOf(document), conditions: 'as-written' } as const;
  return selectedFields([operation.selectionSet], queryType.name, scope).get('_entities') ?? [];
}

/**
 * The representations the `_entities` fields `nodes` ask for. Input that does not coerce yields
 * none here: execution rejects it with Apollo Server's own error.
 */
function representationsOf(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  nodes: readonly FieldNode[],
  variables: Record<string, unknown>,
): unknown[] {
  const entities = schema.getQueryType()?.getFields()['_entities'];
  if (!entities) return [];
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
