import type { z } from 'zod';

/**
 * A faster interpreter of the zod schemas that describe vendor payloads. zod stays the one
 * description of each payload (the vendor's `schema.ts`) and the reference of what parsing means:
 * this module compiles a schema once into plain functions with zod's semantics (same output, same
 * keys in the same order, the same success or failure), without what a general validator pays per
 * value (a payload object and an issue list per node, issue details nobody reads: a vendor body
 * either parses or is a `VENDOR_BAD_RESPONSE`). On a Fingerprint event that was a tenth of a cold
 * query's CPU.
 *
 * It covers the node kinds and checks the tolerant building blocks use (string, number, boolean,
 * unknown, object, array, union, optional, catch, transform, pipe; trim, length, regex and integer
 * checks). Anything else (another kind or check, a transform or catch that reads zod's context)
 * is handed to zod itself for that part of the schema, so an unfamiliar schema is slower, never
 * wrong. `test/unit/vendors/compiled-schema.test.ts` checks it against zod on every vendor schema.
 */

/** What a compiled node returns when the value does not parse. */
const FAIL: unique symbol = Symbol('does not parse');
type Parse = (value: unknown) => unknown;

/** The parts of zod's internal definitions this interpreter reads (zod 4's `schema._zod.def`). */
interface Node {
  _zod: { def: Def; optin?: string; optout?: string };
  safeParse(value: unknown): { success: boolean; data?: unknown };
}

interface Def {
  type: string;
  checks?: Check[];
  coerce?: boolean;
  innerType?: Node;
  shape?: Record<string, Node>;
  catchall?: Node;
  element?: Node;
  options?: Node[];
  in?: Node;
  out?: Node;
  transform?: (value: unknown) => unknown;
  catchValue?: () => unknown;
}

interface Check {
  _zod: {
    def: {
      check: string;
      when?: (payload: { value: unknown; issues: unknown[] }) => boolean;
      format?: string;
      pattern?: RegExp;
      minimum?: number;
      maximum?: number;
      length?: number;
      tx?: (value: unknown) => unknown;
    };
  };
}

const compiled = new WeakMap<Node, Parse>();

/** `schema.safeParse(value)`, by the compiled interpreter: the same success and data, no error details. */
export function safeParse<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
): { success: true; data: z.output<Schema> } | { success: false } {
  const parsed = compile(schema as unknown as Node)(value);
  return parsed === FAIL ? { success: false } : { success: true, data: parsed as z.output<Schema> };
}

function compile(node: Node): Parse {
  let parse = compiled.get(node);
  if (!parse) {
    // Registered before building, so a recursive schema would find itself (ours are not recursive).
    let built: Parse | undefined;
    compiled.set(node, (value) => (built ?? fallback(node))(value));
    built = build(node);
    compiled.set(node, built);
    parse = built;
  }
  return parse;
}

/** zod itself, for a node this interpreter does not know. */
function fallback(node: Node): Parse {
  return (value) => {
    const result = node.safeParse(value);
    return result.success ? result.data : FAIL;
  };
}

function build(node: Node): Parse {
  const { def } = node._zod;
  if (def.coerce) return fallback(node);
  const parse = buildType(node, def);
  const checks = (def.checks ?? []).map(buildCheck);
  if (!parse || checks.some((check) => check === undefined)) return fallback(node);
  if (checks.length === 0) return parse;
  const run = checks as Parse[];
  // zod runs a node's checks after its own parse, in order; any issue fails the value.
  return (value) => {
    let result = parse(value);
    for (let index = 0; index < run.length && result !== FAIL; index += 1) result = run[index]?.(result);
    return result;
  };
}

function buildType(node: Node, def: Def): Parse | undefined {
  switch (def.type) {
    case 'string':
      return (value) => (typeof value === 'string' ? value : FAIL);
    case 'number':
      return (value) => (typeof value === 'number' && Number.isFinite(value) ? value : FAIL);
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : FAIL);
    case 'unknown':
    case 'any':
      return (value) => value;
    case 'optional':
      return optional(def);
    case 'catch':
      return caught(def);
    case 'transform':
      // A transform that takes zod's context (to add issues) needs zod.
      return def.transform && def.transform.length <= 1 ? transform(def.transform) : undefined;
    case 'pipe':
      return def.in && def.out ? pipe(compile(def.in), compile(def.out)) : undefined;
    case 'union':
      return def.options ? union(def.options.map(compile)) : undefined;
    case 'array':
      return def.element ? array(compile(def.element)) : undefined;
    case 'object':
      return object(node, def);
    default:
      return undefined;
  }
}

function optional(def: Def): Parse | undefined {
  const inner = def.innerType;
  // A defaulted inner substitutes a value for absence: zod's to do.
  if (!inner || inner._zod.optin === 'defaulted') return undefined;
  const parse = compile(inner);
  return (value) => (value === undefined ? undefined : parse(value));
}

function caught(def: Def): Parse | undefined {
  const { innerType, catchValue } = def;
  // A catch value computed from the error needs zod's issues.
  if (!innerType || !catchValue || catchValue.length > 0) return undefined;
  const parse = compile(innerType);
  return (value) => {
    const result = parse(value);
    return result === FAIL ? catchValue() : result;
  };
}

function transform(apply: (value: unknown) => unknown): Parse {
  return (value) => apply(value);
}

function pipe(first: Parse, then: Parse): Parse {
  return (value) => {
    const result = first(value);
    return result === FAIL ? FAIL : then(result);
  };
}

function union(options: Parse[]): Parse {
  return (value) => {
    for (const option of options) {
      const result = option(value);
      if (result !== FAIL) return result;
    }
    return FAIL;
  };
}

function array(element: Parse): Parse {
  return (value) => {
    if (!Array.isArray(value)) return FAIL;
    const output = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index += 1) {
      const item = element(value[index]);
      if (item === FAIL) return FAIL;
      output[index] = item;
    }
    return output;
  };
}

interface Field {
  key: string;
  parse: Parse;
  /** zod's `optin`/`optout` of the field's schema: together they decide what an absent key gives. */
  optionalIn: 'optional' | 'absent-fails' | 'other';
  optionalOut: boolean;
}

/**
 * zod's object: the shape's keys in their order, then (loose) the input's other keys in theirs.
 * A key the input lacks is left out when its schema is optional in and out, fails the object when
 * its schema is not optional at all, and otherwise gets what its schema makes of `undefined`; a
 * present key whose value parses to `undefined` is kept, as `undefined`.
 */
function object(node: Node, def: Def): Parse | undefined {
  const shape = def.shape;
  const catchall = def.catchall;
  if (!shape || Object.getOwnPropertySymbols(shape).length > 0) return undefined;
  const loose = catchall !== undefined;
  // Only a loose object (unknown keys kept as they are) or a stripping one (dropped); strict ones need zod.
  if (loose && catchall._zod.def.type !== 'unknown') return undefined;
  if (Object.keys(shape).some((key) => shape[key]?._zod.optin === 'defaulted')) return fallback(node);
  const fields: Field[] = Object.keys(shape).flatMap((key): Field[] => {
    const field = shape[key];
    if (!field || key === '__proto__') return [];
    const { optin, optout } = field._zod;
    return [
      {
        key,
        parse: compile(field),
        optionalIn: optin === 'optional' ? 'optional' : optin === undefined ? 'absent-fails' : 'other',
        optionalOut: optout === 'optional',
      },
    ];
  });
  const known = new Set(Object.keys(shape));
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return FAIL;
    const input = value as Record<string, unknown>;
    const output: Record<string, unknown> = {};
    for (const field of fields) {
      const present = field.key in input;
      if (!present && field.optionalOut && field.optionalIn === 'optional') continue;
      const result = field.parse(input[field.key]);
      if (result === FAIL) {
        // zod ignores a failure on an absent key whose schema is optional in and out.
        if (!present && field.optionalOut && field.optionalIn !== 'absent-fails') continue;
        return FAIL;
      }
      if (!present && field.optionalIn === 'absent-fails') return FAIL;
      if (result !== undefined || present) output[field.key] = result;
    }
    if (loose) {
      for (const key in input) {
        if (known.has(key) || key === '__proto__') continue;
        output[key] = input[key];
      }
    }
    return output;
  };
}

function buildCheck(check: Check): Parse | undefined {
  const { when } = check._zod.def;
  const run = checkOf(check);
  // zod asks a check's `when` (length checks have one: "has a length") whether to run it at all.
  return run && when ? (value) => (when({ value, issues: [] }) ? run(value) : value) : run;
}

function checkOf(check: Check): Parse | undefined {
  const def = check._zod.def;
  switch (def.check) {
    case 'overwrite':
      return def.tx ? transform(def.tx) : undefined;
    case 'min_length': {
      const { minimum } = def;
      return minimum === undefined ? undefined : (value) => (lengthOf(value) >= minimum ? value : FAIL);
    }
    case 'max_length': {
      const { maximum } = def;
      return maximum === undefined ? undefined : (value) => (lengthOf(value) <= maximum ? value : FAIL);
    }
    case 'length_equals': {
      const { length } = def;
      return length === undefined ? undefined : (value) => (lengthOf(value) === length ? value : FAIL);
    }
    case 'string_format': {
      const { pattern } = def;
      if (def.format !== 'regex' || !pattern) return undefined;
      return (value) => {
        pattern.lastIndex = 0;
        return typeof value === 'string' && pattern.test(value) ? value : FAIL;
      };
    }
    case 'number_format':
      return def.format === 'safeint' ? (value) => (Number.isSafeInteger(value) ? value : FAIL) : undefined;
    default:
      return undefined;
  }
}

function lengthOf(value: unknown): number {
  return typeof value === 'string' || Array.isArray(value) ? value.length : Number.NaN;
}
