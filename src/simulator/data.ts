import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The simulator's world (places, networks, devices, named personas) is JSON under `data/`, read
 * and validated once when the simulator is loaded: a broken file stops it with a message naming
 * the file and every problem in it, instead of odd data much later.
 */

/** A data file that is missing, is not JSON or does not have the expected shape. */
export class SimulatorDataError extends Error {
  override name = 'SimulatorDataError';
}

/** Problems listed in one message; more than this are counted, not listed. */
const MAX_LISTED_ISSUES = 10;

/**
 * Reads and validates one data file: a name under `data/` (`world.json`) or a URL. The schema may
 * transform (resolve references); its output is returned.
 */
export function loadData<Schema extends z.ZodType>(file: string | URL, schema: Schema): z.output<Schema> {
  const url = typeof file === 'string' ? new URL(`./data/${file}`, import.meta.url) : file;
  const where = fileURLToPath(url);
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch (error) {
    throw new SimulatorDataError(`cannot read simulator data ${where}: ${messageOf(error)}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SimulatorDataError(`simulator data ${where} is not valid JSON: ${messageOf(error)}`, { cause: error });
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => `  ${pathOf(issue.path)}: ${issue.message}`);
  const more = issues.length > MAX_LISTED_ISSUES ? [`  … and ${issues.length - MAX_LISTED_ISSUES} more`] : [];
  throw new SimulatorDataError(`simulator data ${where} is invalid:\n${[...listed, ...more].join('\n')}`);
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
