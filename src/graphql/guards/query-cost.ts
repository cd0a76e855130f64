import type { BaseContext } from '@apollo/server';
import {
  type ConstDirectiveNode,
  type FieldNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInputObjectType,
  isInputType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  typeFromAST,
  type ValueNode,
  valueFromASTUntyped,
} from 'graphql';
import type { RequestHooks } from '../request-hooks.ts';
import { type Fragments, fragmentsOf, SelectionWalker, type Variables } from '../selection.ts';
import { limitMessage, QUERY_LIMIT_CODE } from './query-limits.ts';

/**
 * The estimated cost of an operation, as a router's demand control computes it from the schema's
 * `@cost` and `@listSize` directives, with the request's variables known. Depth and selection
 * limits bound the size of a document, not of its answer: `device { recentEvents(first: 100) {
 * device { recentEvents(first: 100) { … } } } }` is shallow and small, yet asks for 10,000 events,
 * and `events` with 100 items multiplies every vendor call under it by 100. Cost catches both.
 *
 * Each field costs its `@cost` weight (default 1 for objects, 0 for scalars and enums) plus its
 * children, times its list size: the value of a slicing argument (`first`), the length of the list
 * argument that decides the result (`events(signals:)`, `_entities(representations:)`), else
 * `@listSize(assumedSize:)`, else `DEFAULT_LIST_SIZE`. Fragments on abstract types are added up.
 */

/** Lists without `@listSize` (federation's `_entities` aside, none of ours): assumed this long. */
const DEFAULT_LIST_SIZE = 10;

/** Root lists whose length is exactly the length of one argument. */
const LIST_LENGTH_ARGUMENTS: Readonly<Record<string, string>> = {
  'Query.events': 'signals',
  'Query._entities': 'representations',
};

interface FieldCost {
  weight: number | undefined;
  assumedSize: number | undefined;
  slicingArguments: readonly string[];
  lengthArgument: string | undefined;
}

interface SetCost {
  /** Sum of the `@cost` weights of the fields (times their list sizes). */
  weights: number;
  /** Everything else: default costs of objects, sub-selections. */
  rest: number;
}

const FREE: SetCost = { weights: 0, rest: 0 };

/** Types whose fields all draw on the same per-request vendor loads (see `#sharedBudget`). */
const SHARED_VENDOR_CALLS: ReadonlySet<string> = new Set(['Event']);

export class QueryCost {
  readonly #schema: GraphQLSchema;
  readonly #fields = new Map<GraphQLField<unknown, unknown>, FieldCost>();
  readonly #budgets = new Map<string, number>();

  constructor(schema: GraphQLSchema) {
    this.#schema = schema;
  }

  /**
   * The operation's cost, or any number above `max` as soon as it is certain to exceed it (the walk
   * stops there, so an enormous estimate costs no more to compute than `max`). The query limits,
   * checked before, bound the rest of the walk (a fragment bomb never gets here).
   */
  estimate(
    selectionSet: SelectionSetNode,
    rootType: GraphQLCompositeType,
    fragments: Fragments,
    variables: Variables,
    max: number,
  ): number {
    // As written: what `@skip`/`@include` would drop still costs, so a variable cannot hide work.
    const walker = new SelectionWalker({ fragments, conditions: 'as-written', spreads: 'each' });
    // One selection set's cost, split in two: the fields' own weights (vendor calls) and what their
    // sub-selections and list sizes add. Fragments on the same type are expanded in place, so they
    // share their weights with the fields around them.
    const walk = (type: GraphQLCompositeType, set: SelectionSetNode, nesting: number): number => {
      const budget = this.#sharedBudget(type);
      const cost: SetCost = { weights: 0, rest: 0 };
      const total = () => (budget === undefined ? cost.weights : Math.min(cost.weights, budget)) + cost.rest;
      for (const walked of walker.selections(set, type.name, nesting)) {
        if (walked.kind === 'field') {
          const field = this.#fieldCost(type, walked.node, variables, (child, childSet) =>
            walk(child, childSet, walked.nesting + 1),
          );
          cost.weights += field.weights;
          cost.rest += field.rest;
        } else if (walked.kind === 'fragment' && !walked.expanded && walked.selectionSet && walked.typeCondition) {
          const conditionType = this.#schema.getType(walked.typeCondition);
          if (isCompositeType(conditionType)) cost.rest += walk(conditionType, walked.selectionSet, walked.nesting + 1);
        }
        // Stop on the total as the budget caps it: stopping on the raw weights would let many cheap
        // vendor fields end the walk before the expensive lists after them were counted.
        if (total() > max) break;
      }
      return total();
    };
    return walk(rootType, selectionSet, 0);
  }

  /**
   * For types whose fields share their vendor calls (one `Event`'s fields all load the same
   * (vendor, token) pairs, at most once per request), the fields' weights together cost no more
   * than the heaviest one, which is what every vendor at once costs.
   */
  #sharedBudget(type: GraphQLCompositeType): number | undefined {
    if (!SHARED_VENDOR_CALLS.has(type.name) || !isObjectType(type)) return undefined;
    let budget = this.#budgets.get(type.name);
    if (budget === undefined) {
      budget = Math.max(
        0,
        ...Object.values(type.getFields()).map((field) => this.#costOf(type.name, field).weight ?? 0),
      );
      this.#budgets.set(type.name, budget);
    }
    return budget;
  }

  /** One field: its own weight (times its list size) and what its sub-selection adds. */
  #fieldCost(
    parent: GraphQLCompositeType,
    node: FieldNode,
    variables: Variables,
    walk: (type: GraphQLCompositeType, set: SelectionSetNode) => number,
  ): SetCost {
    // `__typename` is free; introspection is bounded by the schema and off in production.
    if (node.name.value.startsWith('__')) return FREE;
    if (!isObjectType(parent) && !isInterfaceType(parent)) return FREE;
    const field = parent.getFields()[node.name.value];
    if (!field) return FREE;
    const cost = this.#costOf(parent.name, field);
    const named = getNamedType(field.type);
    const composite = isCompositeType(named);
    const children = composite && node.selectionSet ? walk(named, node.selectionSet) : 0;
    const size = isListType(getNullableType(field.type)) ? listSize(field, node, cost, variables) : 1;
    if (cost.weight !== undefined) return { weights: size * cost.weight, rest: size * children };
    return { weights: 0, rest: size * ((composite ? 1 : 0) + children) };
  }

  #costOf(typeName: string, field: GraphQLField<unknown, unknown>): FieldCost {
    let cost = this.#fields.get(field);
    if (!cost) {
      const directives = field.astNode?.directives ?? [];
      const costDirective = directiveArguments(directives, 'cost');
      const listSizeDirective = directiveArguments(directives, 'listSize');
      const slicing = listSizeDirective?.['slicingArguments'];
      cost = {
        weight: numberOr(costDirective?.['weight'], undefined),
        assumedSize: numberOr(listSizeDirective?.['assumedSize'], undefined),
        slicingArguments: Array.isArray(slicing) ? slicing.filter((name) => typeof name === 'string') : [],
        lengthArgument: LIST_LENGTH_ARGUMENTS[`${typeName}.${field.name}`],
      };
      this.#fields.set(field, cost);
    }
    return cost;
  }
}

function listSize(field: GraphQLField<unknown, unknown>, node: FieldNode, cost: FieldCost, variables: Variables) {
  const fallback = cost.assumedSize ?? DEFAULT_LIST_SIZE;
  if (cost.lengthArgument) {
    const value = argumentValue(node, cost.lengthArgument, variables);
    // A single item is coerced to a one-item list; a missing or wrong value fails coercion later.
    if (value === undefined) return fallback;
    return Array.isArray(value) ? value.length : 1;
  }
  const sizes = cost.slicingArguments.flatMap((name) => {
    const given = argumentValue(node, name, variables);
    const value = given === undefined ? field.args.find((argument) => argument.name === name)?.defaultValue : given;
    return typeof value === 'number' && Number.isFinite(value) ? [Math.max(0, value)] : [];
  });
  return sizes.length > 0 ? Math.max(...sizes) : fallback;
}

function argumentValue(node: FieldNode, name: string, variables: Variables): unknown {
  const argument = node.arguments?.find((candidate) => candidate.name.value === name);
  return argument ? literalValue(argument.value, variables) : undefined;
}

function literalValue(value: ValueNode, variables: Variables): unknown {
  if (value.kind === Kind.VARIABLE) return variables[value.name.value];
  if (value.kind === Kind.LIST) return value.values.map((item) => literalValue(item, variables));
  return valueFromASTUntyped(value, variables);
}

function directiveArguments(
  directives: readonly ConstDirectiveNode[],
  name: string,
): Record<string, unknown> | undefined {
  const directive = directives.find((candidate) => candidate.name.value === name);
  if (!directive) return undefined;
  return Object.fromEntries(
    (directive.arguments ?? []).map((argument) => [argument.name.value, valueFromASTUntyped(argument.value)]),
  );
}

function numberOr<T>(value: unknown, fallback: T): number | T {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** Distinct variable shapes remembered per operation (a hostile client could send endless ones). */
const MEMO_SHAPES_PER_OPERATION = 32;

/**
 * What of the variables a cost can depend on: list lengths and numbers (list arguments and slicing
 * arguments such as `first`). Variables whose type holds neither (`SignalsInput`: strings only)
 * cannot change the cost and are left out; strings never matter.
 */
function variablesShape(relevant: readonly string[], variables: Variables): string {
  if (relevant.length === 0) return '';
  return JSON.stringify(
    relevant.map((name) => variables[name]),
    (_key, item: unknown) => (Array.isArray(item) ? `list:${item.length}` : typeof item === 'string' ? 's' : item),
  );
}

/** The operation's variables whose values can change its cost (their types decide; see `variablesShape`). */
function costVariables(schema: GraphQLSchema, operation: OperationDefinitionNode): string[] {
  return (operation.variableDefinitions ?? []).flatMap((definition) => {
    const type = typeFromAST(schema, definition.type);
    return type !== undefined && isInputType(type) && canAffectCost(type, new Set())
      ? [definition.variable.name.value]
      : [];
  });
}

/** Whether a value of this input type can carry a list or a number. */
function canAffectCost(type: GraphQLInputType, seen: Set<string>): boolean {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return true;
  if (isInputObjectType(nullable)) {
    if (seen.has(nullable.name)) return false;
    seen.add(nullable.name);
    return Object.values(nullable.getFields()).some((field) => canAffectCost(field.type, seen));
  }
  return nullable.name === 'Int' || nullable.name === 'Float';
}

/**
 * Refuses operations whose estimated cost exceeds `maxCost`, once the operation and its variables
 * are known and before anything executes (so before any vendor call).
 */
export function queryCostHooks<Context extends BaseContext>(maxCost: number): RequestHooks<Context> {
  const estimators = new WeakMap<GraphQLSchema, QueryCost>();
  /** Per operation (Apollo Server reuses parsed documents): the variables its cost depends on, and its costs by their shape. */
  const known = new WeakMap<OperationDefinitionNode, { variables: string[]; costs: Map<string, number> }>();
  return {
    didResolveOperation({ schema, document, operation, request }) {
      let estimator = estimators.get(schema);
      if (!estimator) {
        estimator = new QueryCost(schema);
        estimators.set(schema, estimator);
      }
      const root = operation ? schema.getRootType(operation.operation) : undefined;
      if (!operation || !root) return;
      // Apollo Server reuses parsed documents: the same operation with variables of the same
      // shape costs the same, so estimate it once.
      const variables = request.variables ?? {};
      let memo = known.get(operation);
      if (!memo) {
        memo = { variables: costVariables(schema, operation), costs: new Map() };
        known.set(operation, memo);
      }
      const shape = variablesShape(memo.variables, variables);
      let cost = memo.costs.get(shape);
      if (cost === undefined) {
        cost = estimator.estimate(operation.selectionSet, root, fragmentsOf(document), variables, maxCost);
        if (memo.costs.size < MEMO_SHAPES_PER_OPERATION) memo.costs.set(shape, cost);
      }
      if (cost > maxCost) {
        throw new GraphQLError(limitMessage('cost', maxCost), {
          extensions: { code: QUERY_LIMIT_CODE, limit: 'cost', max: maxCost, http: { status: 400 } },
        });
      }
    },
  };
}
