/** Marks a key to remove in `patched`. */
export const REMOVE = Symbol('remove');

/**
 * A deep copy of a JSON value with each dotted path set (`'data.token.num_uses': 2`) or removed
 * (`REMOVE`); missing intermediate objects are created. For drift variants of fixtures.
 */
export function patched(value: unknown, patches: Record<string, unknown>): unknown {
  const copy = structuredClone(value);
  for (const [path, replacement] of Object.entries(patches)) {
    const keys = path.split('.');
    const last = keys.pop() as string;
    let target = copy as Record<string, unknown>;
    for (const key of keys) {
      const next = target[key];
      if (typeof next !== 'object' || next === null) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    if (replacement === REMOVE) delete target[last];
    else target[last] = replacement;
  }
  return copy;
}
