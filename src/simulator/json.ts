/**
 * JSON values as the simulator builds them. Object members may be `undefined`: they are left out
 * when serialized, which is how optional vendor fields are omitted.
 */
export type Json = string | number | boolean | null | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json | undefined;
}

export function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `path` below `root`, or undefined when some step is missing or not an object. */
export function objectAt(root: JsonObject, path: readonly string[]): JsonObject | undefined {
  let current: JsonObject = root;
  for (const key of path) {
    const next = current[key];
    if (!isJsonObject(next)) return undefined;
    current = next;
  }
  return current;
}

/**
 * Sets `path`'s last key on the object its other keys lead to, when that object exists. Drift
 * faults use it so that a field is only touched where the normal body has its parent.
 */
export function setAt(root: JsonObject, path: readonly string[], value: Json): void {
  const parent = objectAt(root, path.slice(0, -1));
  const key = path.at(-1);
  if (parent && key !== undefined) parent[key] = value;
}

export function deleteAt(root: JsonObject, path: readonly string[]): void {
  const parent = objectAt(root, path.slice(0, -1));
  const key = path.at(-1);
  if (parent && key !== undefined) delete parent[key];
}

/** Applies `change` to every object of the array at `path` (e.g. each event of a search). */
export function eachObjectAt(root: JsonObject, path: readonly string[], change: (item: JsonObject) => void): void {
  const parent = objectAt(root, path.slice(0, -1));
  const key = path.at(-1);
  const list = parent && key !== undefined ? parent[key] : undefined;
  if (!Array.isArray(list)) return;
  for (const item of list) if (isJsonObject(item)) change(item);
}
