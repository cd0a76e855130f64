import {
  type DocumentNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  TypeInfo,
  type ValueNode,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Checkpoints } from '../../risk/checkpoint.ts';
import { unknownCheckpoint } from '../errors/graphql-errors.ts';
import type { RequestHooks } from '../request-hooks.ts';

/**
 * Refuses an operation that names a checkpoint the policy file does not have, before any resolver
 * runs: the events it asks about would otherwise be loaded (vendors called) before `Event.risk`
 * found out. Every `risk(checkpoint:)` of the operation counts, as written (under `@skip` too),
 * whether the name is a literal or a variable.
 */
export function checkpointInputHooks<Context extends { checkpoints: Checkpoints }>(): RequestHooks<Context> {
  return {
    didResolveOperation({ operation, document, schema, request, contextValue }) {
      if (!operation) return;
      const { checkpoints } = contextValue;
      const variables = request.variables ?? {};
      const named = checkpointArguments(schema, document, operation).map((value) =>
        value.kind === Kind.VARIABLE && Object.hasOwn(variables, value.name.value)
          ? variables[value.name.value]
          : literal(value.kind === Kind.VARIABLE ? defaultOf(operation, value.name.value) : value),
      );
      // A variable of the wrong type is execution's to report; null or absent means the file's default.
      if (named.some((name) => typeof name === 'string' && checkpoints.select(name) === undefined)) {
        throw unknownCheckpoint(checkpoints.names, 400);
      }
    },
  };
}

function literal(value: ValueNode | undefined): string | undefined {
  return value?.kind === Kind.STRING ? value.value : undefined;
}

/** The default of an operation variable, which applies when the request leaves it out. */
function defaultOf(operation: OperationDefinitionNode, name: string): ValueNode | undefined {
  return operation.variableDefinitions?.find((definition) => definition.variable.name.value === name)?.defaultValue;
}

/**
 * Where the operation gives `Event.risk` a checkpoint, read once per parsed operation: Apollo Server
 * reuses parsed documents, so the walk with type information is not paid on every request.
 */
const argumentsOf = new WeakMap<OperationDefinitionNode, readonly ValueNode[]>();

function checkpointArguments(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): readonly ValueNode[] {
  const known = argumentsOf.get(operation);
  if (known) return known;
  const definitions = [operation, ...document.definitions.filter((node) => node.kind === Kind.FRAGMENT_DEFINITION)];
  const typeInfo = new TypeInfo(schema);
  const values: ValueNode[] = [];
  visit(
    { kind: Kind.DOCUMENT, definitions },
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.name.value !== 'risk' || typeInfo.getParentType()?.name !== 'Event') return;
        const argument = node.arguments?.find((candidate) => candidate.name.value === 'checkpoint');
        if (argument) values.push(argument.value);
      },
    }),
  );
  argumentsOf.set(operation, values);
  return values;
}
