import { type FieldNode, Kind, type OperationDefinitionNode, parse, type SelectionSetNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  type Conditions,
  conditionVariables,
  fragmentsOf,
  MAX_NESTING,
  SelectionWalker,
  selectedFields,
  type Walked,
  type WalkOptions,
} from '../../../src/graphql/selection.ts';

function documentOf(source: string) {
  const document = parse(source);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error('no operation');
  return { fragments: fragmentsOf(document), selectionSet: operation.selectionSet };
}

/** What a walk meets, one word each: `field:name`, `fragment:Name` / `fragment:…on Type`, `too-deep`. */
function describeWalk(items: Iterable<Walked>): string[] {
  return [...items].map((walked) => {
    if (walked.kind === 'too-deep') return 'too-deep';
    if (walked.kind === 'field') return `field:${walked.node.alias?.value ?? walked.node.name.value}`;
    const name = walked.node.kind === Kind.FRAGMENT_SPREAD ? walked.node.name.value : `…on ${walked.typeCondition}`;
    const state = walked.selectionSet === undefined ? ' (not followed)' : walked.expanded ? '' : ' (elsewhere)';
    return `fragment:${name}${state}`;
  });
}

function walk(source: string, options: Partial<Omit<WalkOptions, 'fragments'>> & { typeName?: string } = {}): string[] {
  const { fragments, selectionSet } = documentOf(source);
  const walker = new SelectionWalker({ fragments, conditions: 'as-written', spreads: 'each', ...options });
  return describeWalk(walker.selections(selectionSet, options.typeName));
}

describe('SelectionWalker', () => {
  it('expands fragment spreads and inline fragments in place, in document order', () => {
    expect(walk('{ a ...F ... on Query { c } d } fragment F on Query { b }', { typeName: 'Query' })).toEqual([
      'field:a',
      'fragment:F',
      'field:b',
      'fragment:…on Query',
      'field:c',
      'field:d',
    ]);
  });

  it('reports fragments on another type without expanding them', () => {
    expect(walk('{ a ...F ... on Device { c } } fragment F on Event { b }', { typeName: 'Query' })).toEqual([
      'field:a',
      'fragment:F (elsewhere)',
      'fragment:…on Device (elsewhere)',
    ]);
  });

  it('expands fragments on any type when the walk names none', () => {
    expect(walk('{ ...F ... on Device { c } } fragment F on Event { b }')).toEqual([
      'fragment:F',
      'field:b',
      'fragment:…on Device',
      'field:c',
    ]);
  });

  it('does not follow unknown fragments or cycles', () => {
    expect(walk('{ ...Missing ...A } fragment A on Query { a ...B } fragment B on Query { b ...A }')).toEqual([
      'fragment:Missing (not followed)',
      'fragment:A',
      'field:a',
      'fragment:B',
      'field:b',
      'fragment:A (not followed)',
    ]);
  });

  it('catches a cycle through a field walked with the same walker', () => {
    const { fragments, selectionSet } = documentOf('{ ...A } fragment A on Query { a { ...A } }');
    const walker = new SelectionWalker({ fragments, conditions: 'as-written', spreads: 'each' });
    const seen: string[] = [];
    const visit = (set: SelectionSetNode, nesting: number) => {
      for (const walked of walker.selections(set, undefined, nesting)) {
        seen.push(...describeWalk([walked]));
        if (walked.kind === 'field' && walked.node.selectionSet) visit(walked.node.selectionSet, walked.nesting + 1);
      }
    };
    visit(selectionSet, 0);
    expect(seen).toEqual(['fragment:A', 'field:a', 'fragment:A (not followed)']);
  });

  it('expands a fragment at each spread, or once per selection set as execution does', () => {
    const source = '{ ...F ...F } fragment F on Query { a }';
    expect(walk(source, { spreads: 'each' })).toEqual(['fragment:F', 'field:a', 'fragment:F', 'field:a']);
    expect(walk(source, { spreads: 'once' })).toEqual(['fragment:F', 'field:a', 'fragment:F (not followed)']);
  });

  it('stops at MAX_NESTING nested selection sets', () => {
    const depth = MAX_NESTING + 1;
    const source = `{ ${'... { '.repeat(depth)} a ${'} '.repeat(depth)} }`;
    const walked = walk(source);
    expect(walked.at(-1)).toBe('too-deep');
    expect(walked).not.toContain('field:a');
    expect(walked).toHaveLength(MAX_NESTING + 2);
  });

  it('can be stopped in a fragment and walked again from the start', () => {
    const { fragments, selectionSet } = documentOf('{ ...F } fragment F on Query { a b }');
    const walker = new SelectionWalker({ fragments, conditions: 'as-written', spreads: 'each' });
    for (const walked of walker.selections(selectionSet, undefined)) if (walked.kind === 'field') break;
    expect(describeWalk(walker.selections(selectionSet, undefined))).toEqual(['fragment:F', 'field:a', 'field:b']);
  });

  describe('@skip and @include', () => {
    const source = `query($yes: Boolean!, $no: Boolean!) {
      a @skip(if: true) b @skip(if: false) c @include(if: false) d @include(if: true)
      e @skip(if: $yes) f @skip(if: $no) g @include(if: $no) h @include(if: $yes)
      i @skip(if: false) @include(if: false) j @skip(if: true) @include(if: true)
      ...F @skip(if: $yes) ...G @include(if: $yes) ... @include(if: false) { k } ... on Query @skip(if: $no) { l }
    }
    fragment F on Query { m }
    fragment G on Query { n }`;
    const variables: Conditions = { yes: true, no: false };

    it('apply with literal and variable conditions on fields, spreads and inline fragments', () => {
      expect(walk(source, { conditions: variables })).toEqual([
        'field:b',
        'field:d',
        'field:f',
        'field:h',
        'fragment:G',
        'field:n',
        'fragment:…on Query',
        'field:l',
      ]);
    });

    it('are ignored when the document is read as written', () => {
      expect(walk(source).filter((item) => item.startsWith('field:'))).toEqual(
        'abcdefghijmnkl'.split('').map((name) => `field:${name}`),
      );
    });

    it('keep a selection whose condition is not a boolean', () => {
      expect(walk('query($x: Boolean) { a @skip(if: $x) b @include(if: $x) }', { conditions: { x: null } })).toEqual([
        'field:a',
        'field:b',
      ]);
    });
  });
});

describe('selectedFields', () => {
  const names = (fields: Map<string, FieldNode[]>) =>
    Object.fromEntries([...fields].map(([name, nodes]) => [name, nodes.length]));

  it('collects the fields on one type by field name, aliases merged', () => {
    const { fragments, selectionSet } = documentOf(`{ a x: a ...F ... on Other { b } } fragment F on Query { a c }`);
    const fields = selectedFields([selectionSet], 'Query', { fragments, conditions: 'as-written' });
    expect(names(fields)).toEqual({ a: 3, c: 1 });
  });

  it('leaves out what @skip and @include drop', () => {
    const { fragments, selectionSet } = documentOf(`query($s: Boolean!) { a @skip(if: $s) b ...F @skip(if: $s) }
      fragment F on Query { c }`);
    expect(names(selectedFields([selectionSet], 'Query', { fragments, conditions: { s: true } }))).toEqual({ b: 1 });
    expect(names(selectedFields([selectionSet], 'Query', { fragments, conditions: { s: false } }))).toEqual({
      a: 1,
      b: 1,
      c: 1,
    });
  });
});

describe('conditionVariables', () => {
  it('names the variables of every @skip and @include under the fields, through fragments, sorted', () => {
    const { fragments, selectionSet } =
      documentOf(`query($z: Boolean!, $a: Boolean!, $n: Int, $m: Boolean!, $top: Boolean!) {
      event @skip(if: $top) { id @include(if: $z) ...F device { recent(first: $n) { id @skip(if: $a) } } }
    }
    fragment F on Event { ... @include(if: $m) { id } }`);
    const event = selectionSet.selections[0] as FieldNode;
    expect(conditionVariables([event], fragments)).toEqual(['a', 'm', 'z']);
  });

  it('is empty for a selection without conditions', () => {
    const { fragments, selectionSet } = documentOf('{ event { id ip { address } } }');
    expect(conditionVariables(selectionSet.selections as FieldNode[], fragments)).toEqual([]);
  });
});
