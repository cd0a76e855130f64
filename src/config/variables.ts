import { z } from 'zod';

/**
 * Schemas for environment variables: each takes the raw string (or undefined when unset) and
 * yields a typed value or a message naming what is wrong. `load.ts` turns the first failure into
 * one line naming the variable.
 */

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** An integer between `min` and `max`, written in decimal. */
export const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be an integer between ${min} and ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/** A value that may be unset or empty (as `.env.example` leaves it); empty is unset. */
export const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

/** An integer variable that may be unset or empty. */
export const optionalInteger = (min: number, max: number) => optionalText.pipe(integer(min, max).optional());

/** A comma-separated list, items trimmed, empty items dropped. */
export const commaSeparated = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

/** An http(s) URL, `fallback` when unset. */
export const httpUrl = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }));

/** `true` or `false`; undefined when unset or empty, so the caller can follow `NODE_ENV`. */
export const flag = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined))
  .pipe(z.enum(['true', 'false'], { error: 'must be true or false' }).optional())
  .transform((value) => (value === undefined ? undefined : value === 'true'));

/** The one line a bad variable stops the process with; secret values are never echoed. */
export function invalidVariable(variable: string, message: string, raw: string | undefined, secret: boolean): string {
  const got = secret ? '' : ` (got ${JSON.stringify(raw ?? '')})`;
  return `Invalid configuration: ${variable} ${message}${got}`;
}

/** One variable, as the docs and `.env.example` show it. */
export interface VariableDoc {
  /** The default as the docs write it: `` `https://api.fpjs.io` ``, `(unset)`. */
  default: string;
  description: string;
  /** Never echoed in errors or logs. */
  secret: boolean;
}

/** A variable's schema (raw string or undefined in, typed value out) and its documentation. */
export interface Variable<Schema extends z.ZodType = z.ZodType> {
  schema: Schema;
  doc: VariableDoc;
}

export type Variables = Readonly<Record<string, Variable>>;

/** The typed values of a set of variables. */
export type VariableValues<V extends Variables> = { [Name in keyof V]: z.output<V[Name]['schema']> };

/** Reads a set of variables from the environment; the first bad one stops with `ConfigError`. */
export function readVariables<V extends Variables>(environment: NodeJS.ProcessEnv, variables: V): VariableValues<V> {
  const values: Record<string, unknown> = {};
  for (const [name, { schema, doc }] of Object.entries(variables)) {
    const raw = environment[name];
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      throw new ConfigError(invalidVariable(name, parsed.error.issues[0]?.message ?? 'is invalid', raw, doc.secret));
    }
    values[name] = parsed.data;
  }
  // Every key of `variables` was parsed by its own schema above.
  return values as VariableValues<V>;
}

/** The documentation of a set of variables. */
export function variableDocs(variables: Variables): Readonly<Record<string, VariableDoc>> {
  return Object.fromEntries(Object.entries(variables).map(([name, { doc }]) => [name, doc]));
}
