import {
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type InlineFragmentNode,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * The one walk over selection sets, shared by everything that reads a query to decide work: the
 * planner (which vendors a selection needs), the query limits and the cost estimate. Modelled on
 * graphql-js's `collectFields`: the selections of one selection set in document order, with its
 * fragments expanded in place. Consumers descend into a field's own selection set themselves,
 * because each needs something else there (a depth, a type, a plan).
 *
 * Execution and the guards read a document differently, and two options say which reading a walk is:
 * - `conditions`: the request's variable values, to apply `@skip` and `@include` as execution
 *   does (the planner must not call a vendor for a field that will not run), or `'as-written'`,
 *   every selection kept (the guards: a variable must not slip a large subtree past them);
 * - `spreads`: a fragment is expanded `'once'` per selection set, as execution collects fields, or
 *   at `'each'` spread (a fragment spread ten times is ten times the work the guards count).
 *
 * Fragments on another type than the walk's are reported, not expanded. Unknown fragments and
 * cycles are not followed (graphql-js's validation reports them), and selection sets nested
 * deeper than `MAX_NESTING` are not walked, so a walk is bounded even before validation.
 */

export type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;
export type Variables = Readonly<Record<string, unknown>>;

/** How `@skip`/`@include` are read: with these variable values, or not at all (`'as-written'`). */
export type Conditions = Variables | 'as-written';

export interface WalkOptions {
  readonly fragments: Fragments;
  readonly conditions: Conditions;
  readonly spreads: 'once' | 'each';
}

/**
 * Selection sets (fields and fragments) nested deeper than this are not walked, whatever the query
 * limits say: inline fragments add no depth, and a walk must not recurse without bound.
 */
export const MAX_NESTING = 1000;

/** A field of the selection set, its fragments expanded. */
export interface WalkedField {
  readonly kind: 'field';
  readonly node: FieldNode;
  /** Selection sets around the field; its own selection set is one deeper. */
  readonly nesting: number;
}

/** An inline fragment or a fragment spread, met before its selections (when they follow). */
export interface WalkedFragment {
  readonly kind: 'fragment';
  readonly node: InlineFragmentNode | FragmentSpreadNode;
  /** A spread's definition; undefined for inline fragments and for spreads not followed. */
  readonly definition: FragmentDefinitionNode | undefined;
  /** Its selections; undefined for a spread not followed (unknown, cyclic, or expanded once already). */
  readonly selectionSet: SelectionSetNode | undefined;
  readonly typeCondition: string | undefined;
  /** Whether its selections follow in this walk; if not, they are on another type, for the caller to walk. */
  readonly expanded: boolean;
  readonly nesting: number;
}

/** A selection set nested deeper than `MAX_NESTING`: the walk stops there. */
export interface TooDeep {
  readonly kind: 'too-deep';
}

export type Walked = WalkedField | WalkedFragment | TooDeep;

const TOO_DEEP: TooDeep = { kind: 'too-deep' };

/**
 * One walk of a document. Nested walks (into a field's selection set, or a fragment on another
 * type) go through the same walker, which remembers the fragments being expanded on the current
 * path, so a cycle through fields is caught as well.
 */
export class SelectionWalker {
  readonly #options: WalkOptions;
  readonly #expanding = new Set<string>();

  constructor(options: WalkOptions) {
    this.#options = options;
  }

  /**
   * The selections of `selectionSet` on objects of `typeName` (undefined: every fragment applies),
   * fragments expanded. `nesting` counts the selection sets around it. Stop iterating to stop the walk.
   */
  selections(
    selectionSet: SelectionSetNode,
    typeName: string | undefined,
    nesting = 0,
  ): Generator<Walked, void, undefined> {
    return this.#walk(selectionSet, typeName, nesting, this.#options.spreads === 'once' ? new Set() : undefined);
  }

  *#walk(
    selectionSet: SelectionSetNode,
    typeName: string | undefined,
    nesting: number,
    expandedOnce: Set<string> | undefined,
  ): Generator<Walked, void, undefined> {
    if (nesting > MAX_NESTING) {
      yield TOO_DEEP;
      return;
    }
    for (const selection of selectionSet.selections) {
      if (!this.#included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        yield { kind: 'field', node: selection, nesting };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typeCondition = selection.typeCondition?.name.value;
        const expanded = applies(typeCondition, typeName);
        const { selectionSet: body } = selection;
        yield {
          kind: 'fragment',
          node: selection,
          definition: undefined,
          selectionSet: body,
          typeCondition,
          expanded,
          nesting,
        };
        if (expanded) yield* this.#walk(body, typeName, nesting + 1, expandedOnce);
      } else {
        yield* this.#spread(selection, typeName, nesting, expandedOnce);
      }
    }
  }

  *#spread(
    spread: FragmentSpreadNode,
    typeName: string | undefined,
    nesting: number,
    expandedOnce: Set<string> | undefined,
  ): Generator<Walked, void, undefined> {
    const name = spread.name.value;
    const { fragments } = this.#options;
    const definition = Object.hasOwn(fragments, name) ? fragments[name] : undefined;
    if (!definition || this.#expanding.has(name) || expandedOnce?.has(name)) {
      yield {
        kind: 'fragment',
        node: spread,
        definition: undefined,
        selectionSet: undefined,
        typeCondition: undefined,
        expanded: false,
        nesting,
      };
      return;
    }
    expandedOnce?.add(name);
    const typeCondition = definition.typeCondition.name.value;
    const expanded = applies(typeCondition, typeName);
    // The fragment counts as being expanded while the caller holds it too: a caller walking a
    // fragment on another type must not follow it back into itself.
    this.#expanding.add(name);
    try {
      const { selectionSet } = definition;
      yield { kind: 'fragment', node: spread, definition, selectionSet, typeCondition, expanded, nesting };
      if (expanded) yield* this.#walk(selectionSet, typeName, nesting + 1, expandedOnce);
    } finally {
      this.#expanding.delete(name);
    }
  }

  #included(selection: SelectionNode): boolean {
    const { conditions } = this.#options;
    return conditions === 'as-written' || included(selection, conditions);
  }
}

function applies(typeCondition: string | undefined, typeName: string | undefined): boolean {
  return typeCondition === undefined || typeName === undefined || typeCondition === typeName;
}

/**
 * Whether execution includes a selection: `@skip(if: true)` drops it, then `@include(if: false)`.
 * A condition that is not a boolean (a null variable, which execution refuses) keeps the
 * selection: planning a call for a field that then fails is safer than missing one it runs.
 */
function included(selection: SelectionNode, variables: Variables): boolean {
  const directives = selection.directives ?? [];
  const condition = (name: 'skip' | 'include') => {
    const directive = directives.find((candidate) => candidate.name.value === name);
    return directive ? conditionValue(directive, variables) : undefined;
  };
  return condition('skip') !== true && condition('include') !== false;
}

function conditionValue(directive: DirectiveNode, variables: Variables): boolean | undefined {
  const value = directive.arguments?.find((argument) => argument.name.value === 'if')?.value;
  if (value?.kind === Kind.BOOLEAN) return value.value;
  if (value?.kind !== Kind.VARIABLE) return undefined;
  const given = variables[value.name.value];
  return typeof given === 'boolean' ? given : undefined;
}

/** A document's fragment definitions by name (the last of a name wins, as in graphql-js's validation). */
export function fragmentsOf(document: DocumentNode): Fragments {
  const fragments: Record<string, FragmentDefinitionNode> = Object.create(null);
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

/**
 * Fields the selection sets select on objects of `typeName`, by field name (aliases merged), each
 * fragment expanded once, as execution collects them.
 */
export function selectedFields(
  selectionSets: Iterable<SelectionSetNode>,
  typeName: string,
  scope: Omit<WalkOptions, 'spreads'>,
): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const walker = new SelectionWalker({ ...scope, spreads: 'once' });
  for (const selectionSet of selectionSets) {
    for (const walked of walker.selections(selectionSet, typeName)) {
      if (walked.kind !== 'field') continue;
      const name = walked.node.name.value;
      const known = fields.get(name);
      if (known) known.push(walked.node);
      else fields.set(name, [walked.node]);
    }
  }
  return fields;
}

/**
 * Names of the variables deciding an `@skip` or `@include` anywhere under these fields, fragments
 * expanded, sorted: what a plan of them can depend on besides the document.
 */
export function conditionVariables(nodes: readonly FieldNode[], fragments: Fragments): string[] {
  return conditionVariablesIn(
    nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : [])),
    fragments,
    1,
  );
}

/**
 * Names of the variables deciding an `@skip` or `@include` anywhere in these selection sets (their
 * own selections included), fragments expanded, sorted. `nesting` counts the selection sets around them.
 */
export function conditionVariablesIn(
  selectionSets: readonly SelectionSetNode[],
  fragments: Fragments,
  nesting = 0,
): string[] {
  const names = new Set<string>();
  const walker = new SelectionWalker({ fragments, conditions: 'as-written', spreads: 'once' });
  const visit = (selectionSet: SelectionSetNode, nesting: number): void => {
    for (const walked of walker.selections(selectionSet, undefined, nesting)) {
      if (walked.kind === 'too-deep') return;
      for (const directive of walked.node.directives ?? []) {
        if (directive.name.value !== 'skip' && directive.name.value !== 'include') continue;
        for (const argument of directive.arguments ?? []) {
          if (argument.value.kind === Kind.VARIABLE) names.add(argument.value.name.value);
        }
      }
      if (walked.kind === 'field' && walked.node.selectionSet) visit(walked.node.selectionSet, walked.nesting + 1);
    }
  };
  for (const selectionSet of selectionSets) visit(selectionSet, nesting);
  return [...names].sort();
}

/**
 * What is computed from a selection and depends on the request only through the variables of its
 * `@skip`/`@include` conditions (a plan, a cache policy): one value per set of their values. Each
 * condition variable can double the number of sets and a client decides how many there are, so
 * past `limit` a value is computed and not kept.
 */
export class ByConditionValues<T> {
  readonly conditions: readonly string[];
  readonly #limit: number;
  readonly #values = new Map<string, T>();

  constructor(conditions: readonly string[], limit: number) {
    this.conditions = conditions;
    this.#limit = limit;
  }

  get(variables: Variables, compute: () => T): T {
    // Most selections have no `@skip`/`@include` on a variable: one value, under a key of its own.
    const key =
      this.conditions.length === 0 ? '' : JSON.stringify(this.conditions.map((name) => variables[name] ?? null));
    let value = this.#values.get(key);
    if (value === undefined) {
      value = compute();
      if (this.#values.size < this.#limit) this.#values.set(key, value);
    }
    return value;
  }
}
