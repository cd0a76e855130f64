import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { safeParse } from '../../../src/vendors/compiled-schema.ts';
import * as detectIp from '../../../src/vendors/detectip/schema.ts';
import * as fingerprint from '../../../src/vendors/fingerprint/schema.ts';
import * as friendlyCaptcha from '../../../src/vendors/friendlycaptcha/schema.ts';
import * as hitprobe from '../../../src/vendors/hitprobe/schema.ts';
import {
  bool,
  int,
  intLike,
  list,
  num,
  numericString,
  obj,
  root,
  str,
  text,
  vocabulary,
} from '../../../src/vendors/tolerant.ts';
import * as trustDecision from '../../../src/vendors/trustdecision/schema.ts';

/**
 * The compiled interpreter must parse exactly as zod does: the same success or failure and the
 * same output, keys (and keys holding `undefined`) in the same order. Checked on every schema the
 * vendor folders export, on the recorded vendor payloads, and on values generated from each
 * schema's own shape with every field sometimes absent, sometimes of another type.
 */

type Schema = z.ZodType;

const schemas: [string, Schema][] = Object.entries({
  detectIp,
  fingerprint,
  friendlyCaptcha,
  hitprobe,
  trustDecision,
}).flatMap(([vendor, exports]) =>
  Object.entries(exports).flatMap(([name, value]) =>
    value instanceof z.ZodType ? [[`${vendor}.${name}`, value] as [string, Schema]] : [],
  ),
);

/** A rendering that tells `{ a: undefined }` from `{}` and sees key order. */
function exact(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (item === undefined ? '<undefined>' : item)) ?? '<undefined>';
}

function expectSameAsZod(schema: Schema, value: unknown): void {
  const reference = schema.safeParse(value);
  const ours = safeParse(schema, value);
  expect(ours.success).toBe(reference.success);
  if (ours.success && reference.success) expect(exact(ours.data)).toBe(exact(reference.data));
}

interface Def {
  type: string;
  innerType?: Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
  options?: Schema[];
  in?: Schema;
  out?: Schema;
}

const defOf = (schema: Schema) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Any JSON value, small: what a vendor sends where it documented something else. */
const anything = fc.jsonValue({ maxDepth: 2 });

/** Values shaped by the schema (right types, edge strings and numbers), mixed with wrong ones. */
function valuesFor(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const wrong = depth > 4 ? fc.constant(null) : anything;
  switch (def.type) {
    case 'string':
      return fc.oneof(
        fc.string({ maxLength: 6 }),
        fc.constantFrom('', ' ', ' 12 ', '-7', '123456789012345678', 'x,-,', '460,', '{"city":"c"}'),
        wrong,
      );
    case 'number':
      return fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 2 ** 53, 1.5), wrong);
    case 'boolean':
      return fc.oneof(fc.boolean(), wrong);
    case 'optional':
    case 'catch':
      return def.innerType ? fc.oneof(valuesFor(def.innerType, depth), fc.constant(undefined)) : wrong;
    case 'pipe':
      return def.in ? valuesFor(def.in, depth) : wrong;
    case 'union':
      return def.options ? fc.oneof(...def.options.map((option) => valuesFor(option, depth))) : wrong;
    case 'array':
      return depth > 4 || !def.element
        ? fc.constant([])
        : fc.oneof(fc.array(valuesFor(def.element, depth + 1), { maxLength: 3 }), wrong);
    case 'object': {
      if (depth > 4 || !def.shape) return fc.constant({});
      const fields = Object.fromEntries(
        Object.entries(def.shape).map(([key, field]) => [
          key,
          fc.option(valuesFor(field, depth + 1), { nil: undefined }),
        ]),
      );
      const record = fc
        .tuple(fc.record(fields), fc.dictionary(fc.string({ maxLength: 4 }), anything, { maxKeys: 2 }))
        .map(([known, extra]) => {
          // Absent, rather than present with `undefined`, as in a parsed JSON body.
          const present = Object.fromEntries(Object.entries(known).filter(([, value]) => value !== undefined));
          return { ...extra, ...present };
        });
      return fc.oneof({ weight: 4, arbitrary: record }, { weight: 1, arbitrary: wrong });
    }
    default:
      return anything;
  }
}

describe('compiled schema interpreter', () => {
  it('finds the vendor schemas', () => {
    expect(schemas.length).toBeGreaterThanOrEqual(9);
  });

  it('parses the recorded vendor payloads as zod does', () => {
    const root = new URL('../../fixtures/', import.meta.url);
    // Every recorded and published payload, the vendors' own examples among them.
    const payloads = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.json'))
      .map((file) => JSON.parse(readFileSync(new URL(file, root), 'utf8')) as unknown);
    expect(payloads.length).toBeGreaterThan(40);
    for (const [, schema] of schemas) for (const payload of payloads) expectSameAsZod(schema, payload);
  });

  for (const [name, schema] of schemas) {
    it(`parses values shaped like ${name} as zod does`, () => {
      fc.assert(
        fc.property(valuesFor(schema), (value) => expectSameAsZod(schema, value)),
        { numRuns: 300 },
      );
    });
  }

  it('agrees with zod on each tolerant building block, on any value', () => {
    const blocks: Schema[] = [str, num, int, bool, text, intLike, numericString, list(int), vocabulary];
    const values = fc.oneof(
      anything,
      fc.constantFrom(' 42 ', '007', 'abc', '', 1e308, -1, 0.5, Number.NaN, [' a ', 'a', '']),
    );
    fc.assert(
      fc.property(fc.constantFrom(...blocks), values, (schema, value) => expectSameAsZod(schema, value)),
      { numRuns: 2000 },
    );
  });

  it('keeps present keys that parse to undefined, leaves out absent ones, and fails on a missing required key', () => {
    const schema = root({ id: z.string(), name: str, place: obj({ city: text }) });
    expectSameAsZod(schema, { id: 'e1', name: 7, place: { city: '  ' }, extra: [1] });
    expect(safeParse(schema, { id: 'e1', name: 7 })).toEqual({ success: true, data: { id: 'e1', name: undefined } });
    expect(safeParse(schema, { name: 'n' }).success).toBe(false);
    expect(safeParse(schema, ['not', 'an', 'object']).success).toBe(false);
  });

  it('never lets a body set the prototype of what it parses to', () => {
    const schema = root({ id: z.string(), place: obj({ city: text }) });
    const body = JSON.parse('{"id":"e1","__proto__":{"polluted":true},"place":{"__proto__":{"polluted":true}}}');
    expectSameAsZod(schema, body);
    const parsed = safeParse(schema, body);
    if (!parsed.success) throw new Error('the body should parse');
    expect(Object.getPrototypeOf(parsed.data)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(parsed.data.place)).toBe(Object.prototype);
    expect(Object.hasOwn(parsed.data, '__proto__')).toBe(false);
  });

  it('leaves what it does not know to zod', () => {
    const schema = root({ email: z.email().optional().catch(undefined), day: z.iso.date().default('2026-01-01') });
    for (const value of [{ email: 'a@b.example' }, { email: 'nope', day: '2026-02-30' }, {}])
      expectSameAsZod(schema, value);
  });
});
