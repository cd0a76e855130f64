import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Refuses operations whose type the schema does not have (this subgraph has no subscriptions).
 * graphql-js 16 validates `subscription { … }` against a missing root type without a
 * word and fails only while executing, with an error that has no code, so the client would see
 * INTERNAL_SERVER_ERROR for its own mistake. graphql-js 17 ships this rule as KnownOperationTypesRule.
 */
export const KnownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    if (!context.getSchema().getRootType(operation.operation)) {
      context.reportError(
        new GraphQLError(`This schema does not support ${operation.operation} operations.`, { nodes: operation }),
      );
    }
    return false;
  },
});
