import type { CacheHint } from '@apollo/cache-control-types';
import {
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import {
  ByConditionValues,
  conditionVariablesIn,
  type Fragments,
  fragmentsOf,
  SelectionWalker,
  type Variables,
} from '../selection.ts';

/**
 * The cache policy a response may carry, computed from the document instead of field by field.
 *
 * Apollo Server's cache-control plugin finds the policy by wrapping every field resolver of the
 * schema and computing a hint per resolved field: on our typical query that wrapping was the largest
 * single cost of the hot path (npm run bench, docs/performance.md). The hints it combines are
 * almost all static (`@cacheControl` on types and fields), so here they are read once per
 * document and set of `@skip`/`@include` values; only the hints that depend on vendor answers are
 * recorded at run time (cache-hints.ts), by the few resolvers that consult vendors.
 *
 * The rules are Apollo's, so a router sees the header it saw before:
 * - a field returning an object takes the hint of its type, then its own `@cacheControl` on top;
 *   `inheritMaxAge` (on either) leaves it to its parent;
 * - a root field, or a field returning an object that has no `maxAge` and does not inherit, gets
 *   `defaultMaxAge` (0: uncacheable) unless a resolver restricted it at run time;
 * - the response's policy is the most restrictive of them all (shortest maxAge, PRIVATE over PUBLIC).
 * One difference, in the safe direction: every selected field counts, also those that never
 * resolve (under a null or an empty list), so a policy is never longer than Apollo's.
 */

export type { CacheHint };

/** A field's hint before the default applies, and whether the default applies if no `maxAge` comes. */
interface FieldHint {
  readonly hint: CacheHint;
  readonly takesDefault: boolean;
}

/** The static part of a document's policy. */
export interface DocumentPolicy {
  /** The most restrictive static hint of the fields that cannot be restricted later. */
  readonly hint: CacheHint;
  /**
   * Root fields without a static `maxAge` (first node of each response key → its static hint):
   * uncacheable unless their resolver restricts them, as `Query.device` does.
   */
  readonly awaitingRoots: ReadonlyMap<FieldNode, CacheHint>;
}

/** Narrows `into` to `hint`: the shorter maxAge, PRIVATE over PUBLIC (Apollo's `restrict`). */
export function restrict(into: CacheHint, hint: CacheHint): void {
  if (hint.maxAge !== undefined && (into.maxAge === undefined || hint.maxAge < into.maxAge)) into.maxAge = hint.maxAge;
  if (hint.scope !== undefined && into.scope !== 'PRIVATE') into.scope = hint.scope;
}

/** Overwrites what `hint` sets (Apollo's `replace`). */
function replace(into: CacheHint, hint: CacheHint): void {
  if (hint.maxAge !== undefined) into.maxAge = hint.maxAge;
  if (hint.scope !== undefined) into.scope = hint.scope;
}

interface Annotation extends CacheHint {
  inheritMaxAge?: boolean;
}

/** `@cacheControl(maxAge:, scope:, inheritMaxAge:)` as Apollo reads it (literal arguments only). */
function annotationOf(directives: readonly ConstDirectiveNode[] | undefined): Annotation | undefined {
  const directive = directives?.find((candidate) => candidate.name.value === 'cacheControl');
  if (!directive?.arguments) return undefined;
  const argument = (name: string) => directive.arguments?.find((each) => each.name.value === name)?.value;
  const scopeValue = argument('scope');
  const scopeName = scopeValue?.kind === Kind.ENUM ? scopeValue.value : undefined;
  const scope = scopeName === 'PUBLIC' || scopeName === 'PRIVATE' ? scopeName : undefined;
  const inherit = argument('inheritMaxAge');
  if (inherit?.kind === Kind.BOOLEAN && inherit.value)
    return scope ? { inheritMaxAge: true, scope } : { inheritMaxAge: true };
  const maxAgeValue = argument('maxAge');
  const annotation: Annotation = {};
  if (maxAgeValue?.kind === Kind.INT) annotation.maxAge = Number.parseInt(maxAgeValue.value, 10);
  if (scope) annotation.scope = scope;
  return annotation;
}

const typeAnnotations = new WeakMap<GraphQLCompositeType, Annotation>();

/** A type's own `@cacheControl`, from its definition or an extension. */
export function typeAnnotation(type: GraphQLCompositeType): Annotation {
  let annotation = typeAnnotations.get(type);
  if (!annotation) {
    const nodes = [type.astNode, ...(type.extensionASTNodes ?? [])];
    annotation = nodes.map((node) => annotationOf(node?.directives)).find((found) => found !== undefined) ?? {};
    typeAnnotations.set(type, annotation);
  }
  return annotation;
}

const fieldHints = new WeakMap<GraphQLField<unknown, unknown>, FieldHint>();

/** A field's static hint, by Apollo's rules (see the module comment), apart from the root-field rule. */
function fieldHint(field: GraphQLField<unknown, unknown>): FieldHint {
  let found = fieldHints.get(field);
  if (!found) {
    const hint: CacheHint = {};
    let inherits = false;
    const target = getNamedType(field.type);
    const composite = isCompositeType(target);
    if (composite) {
      const annotation = typeAnnotation(target);
      replace(hint, annotation);
      inherits = annotation.inheritMaxAge === true;
    }
    const own = annotationOf(field.astNode?.directives) ?? {};
    if (own.inheritMaxAge && hint.maxAge === undefined) {
      inherits = true;
      if (own.scope) hint.scope = own.scope;
    } else {
      replace(hint, own);
    }
    found = { hint, takesDefault: hint.maxAge === undefined && composite && !inherits };
    fieldHints.set(field, found);
  }
  return found;
}

/** Apollo's `defaultMaxAge` as we configure it: a root or object field without a hint is uncacheable. */
export const DEFAULT_MAX_AGE = 0;

/** Reads the static policy of one operation, with these variable values for `@skip`/`@include`. */
function computeDocumentPolicy(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Fragments,
  variables: Variables,
): DocumentPolicy {
  const hint: CacheHint = {};
  const awaitingRoots = new Map<FieldNode, CacheHint>();
  const walker = new SelectionWalker({ fragments, conditions: variables, spreads: 'once' });

  const visit = (type: GraphQLObjectType, selectionSet: SelectionSetNode, nesting: number, root: boolean) => {
    const responseKeys = new Set<string>();
    const fields = type.getFields();
    for (const walked of walker.selections(selectionSet, type.name, nesting)) {
      if (walked.kind === 'too-deep') {
        // Not read to the end: not cacheable.
        restrict(hint, { maxAge: DEFAULT_MAX_AGE });
        return;
      }
      if (walked.kind === 'fragment') {
        // A fragment on an interface or union this type belongs to still applies to it.
        const condition = walked.typeCondition === undefined ? undefined : schema.getType(walked.typeCondition);
        if (!walked.expanded && walked.selectionSet && isAbstractType(condition) && schema.isSubType(condition, type))
          visit(type, walked.selectionSet, walked.nesting + 1, root);
        continue;
      }
      const { node } = walked;
      const name = node.name.value;
      // Meta fields (`__typename`, introspection) carry no hint, as under Apollo's plugin.
      if (name.startsWith('__')) continue;
      const field = fields[name];
      if (!field) continue; // validation has refused the document already
      const { hint: own, takesDefault } = fieldHint(field);
      if (root) {
        // graphql-js merges fields of one response key; a resolver sees the first node.
        const key = node.alias?.value ?? name;
        if (responseKeys.has(key)) continue;
        responseKeys.add(key);
        if (own.maxAge === undefined) awaitingRoots.set(node, own);
        else restrict(hint, own);
      } else {
        restrict(hint, takesDefault ? { ...own, maxAge: DEFAULT_MAX_AGE } : own);
      }
      if (!node.selectionSet) continue;
      const target = getNamedType(field.type);
      const objects = isAbstractType(target) ? schema.getPossibleTypes(target) : isObjectType(target) ? [target] : [];
      for (const object of objects) visit(object, node.selectionSet, walked.nesting + 1, false);
    }
  };

  const rootType = schema.getRootType(operation.operation);
  if (rootType) visit(rootType, operation.selectionSet, 0, true);
  else restrict(hint, { maxAge: DEFAULT_MAX_AGE });
  return { hint, awaitingRoots };
}

/**
 * Documents are parsed once and reused by Apollo Server, so a policy is computed once per
 * operation and values of its condition variables, at most this many per operation.
 */
export const POLICIES_PER_OPERATION = 16;

interface MemoizedOperation {
  readonly fragments: Fragments;
  readonly policies: ByConditionValues<DocumentPolicy>;
}

const memo = new WeakMap<OperationDefinitionNode, MemoizedOperation>();

/**
 * The static policy of `operation` in `document` (see `computeDocumentPolicy`), memoized.
 * `variables` are the request's, as sent: a condition variable left out takes its default.
 */
export function documentPolicy(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Variables,
): DocumentPolicy {
  let memoized = memo.get(operation);
  if (!memoized) {
    const fragments = fragmentsOf(document);
    const conditions = conditionVariablesIn([operation.selectionSet], fragments);
    memoized = { fragments, policies: new ByConditionValues(conditions, POLICIES_PER_OPERATION) };
    memo.set(operation, memoized);
  }
  const { fragments, policies } = memoized;
  const values = conditionValues(operation, policies.conditions, variables);
  return policies.get(values, () => computeDocumentPolicy(schema, operation, fragments, values));
}

/** The condition variables' values: as sent, else the literal default of their definition, else null. */
function conditionValues(
  operation: OperationDefinitionNode,
  conditions: readonly string[],
  variables: Variables,
): Record<string, unknown> {
  const values: Record<string, unknown> = Object.create(null);
  for (const name of conditions) {
    if (Object.hasOwn(variables, name)) {
      values[name] = variables[name];
      continue;
    }
    const fallback = operation.variableDefinitions?.find((each) => each.variable.name.value === name)?.defaultValue;
    values[name] = fallback?.kind === Kind.BOOLEAN ? fallback.value : null;
  }
  return values;
}
