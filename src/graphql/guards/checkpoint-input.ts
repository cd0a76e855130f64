import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  type GraphQLSchema,
  GraphQLString,
  getVariableValues,
  Kind,
  type OperationDefinitionNode,
  TypeInfo,
  valueFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Checkpoints } from '../../risk/checkpoint.ts';
import { unknownCheckpoint } from '../errors/graphql-errors.ts';

/**
 * Refuses an operation that names a checkpoint the policy file does not have, before any resolver
 * runs: the events it asks about would otherwise be loaded (vendors called) before `Event.risk`
 * found out. Every `risk(checkpoint:)` of the operation counts, as written (under `@skip` too),
 * whether the name is a literal or a variable.
 */
export function checkpointInputPlugin<Context extends { checkpoints: Checkpoints }>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, request, contextValue }) {
          if (!operation) return;
          const { checkpoints } = contextValue;
          const named = checkpointArguments(schema, document, operation, request.variables ?? {});
          if (named.some((name) => checkpoints.select(name) === undefined)) {
            throw unknownCheckpoint(checkpoints.names, 400);
          }
        },
      };
    },
  };
}

/** The checkpoint names the operation gives `Event.risk`. Variables that do not coerce are execution's to report. */
function checkpointArguments(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): string[] {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return [];
  const definitions = [operation, ...document.definitions.filter((node) => node.kind === Kind.FRAGMENT_DEFINITION)];
  const typeInfo = new TypeInfo(schema);
  const names: string[] = [];
  visit(
    { kind: Kind.DOCUMENT, definitions },
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.name.value !== 'risk' || typeInfo.getParentType()?.name !== 'Event') return;
        const argument = node.arguments?.find((candidate) => candidate.name.value === 'checkpoint');
        const value = argument && valueFromAST(argument.value, GraphQLString, coerced.coerced);
        if (typeof value === 'string') names.push(value);
      },
    }),
  );
  return names;
}
