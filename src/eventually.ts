/**
 * A value now, or later. An answer served from memory (a cached vendor report, a preloaded event)
 * is passed on as a value, so the layers above it stay synchronous and allocate no promise for it:
 * graphql-js, for one, takes its slower promise path only for promises.
 */
export type Eventually<T> = T | Promise<T>;

/** `next(value)`: at once for a value, once it settles for a promise. */
export function after<T, U>(value: Eventually<T>, next: (value: T) => U): Eventually<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}
