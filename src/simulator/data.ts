import { z } from 'zod';

/**
 * The simulator's world (places, networks, devices, named personas) is JSON under `data/`,
 * imported as JSON modules (a file that is not JSON stops the import with a message naming it)
 * and validated here once, when the simulator is loaded: a file of the wrong shape stops it with
 * a message naming the file and every problem in it, instead of odd data much later.
 */

/** A data file that does not have the expected shape. */
export class SimulatorDataError extends Error {
  override name = 'SimulatorDataError';
}

/** Problems listed in one message; more than this are counted, not listed. */
const MAX_LISTED_ISSUES = 10;

/** Validates the content of one data file (`file` names it in errors); the schema may resolve references. */
export function parseData<Schema extends z.ZodType>(file: string, json: unknown, schema: Schema): z.output<Schema> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => `  ${pathOf(issue.path)}: ${issue.message}`);
  const more = issues.length > MAX_LISTED_ISSUES ? [`  … and ${issues.length - MAX_LISTED_ISSUES} more`] : [];
  throw new SimulatorDataError(`invalid simulator data in ${file}:\n${[...listed, ...more].join('\n')}`);
}

/** Looks an entry up by its key; `path` says where the key was written, for the error. */
export type Ref = <T>(table: Readonly<Record<string, T>>, key: string, path: readonly PropertyKey[]) => T;

/**
 * A zod transform that resolves the names one entry uses for another (a place's `"country": "DE"`)
 * into the entries themselves. A name that resolves to nothing is an issue at the place it was
 * written, like any other problem in the file.
 */
export function resolving<Input, Output>(resolve: (input: Input, ref: Ref) => Output) {
  return (input: Input, context: z.RefinementCtx<Input>): Output => {
    try {
      return resolve(input, lookup);
    } catch (error) {
      if (!(error instanceof UnknownReference)) throw error;
      context.addIssue({ code: 'custom', message: error.message, path: [...error.path] });
      return z.NEVER;
    }
  };
}

class UnknownReference extends Error {
  readonly path: readonly PropertyKey[];

  constructor(message: string, path: readonly PropertyKey[]) {
    super(message);
    this.path = path;
  }
}

function lookup<T>(table: Readonly<Record<string, T>>, key: string, path: readonly PropertyKey[]): T {
  const entry = Object.hasOwn(table, key) ? table[key] : undefined;
  if (entry === undefined)
    throw new UnknownReference(`unknown name "${key}" (known: ${Object.keys(table).join(', ')})`, path);
  return entry;
}

/** `places.berlin.isps[1]`, as a reader finds it in the file. */
function pathOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}
