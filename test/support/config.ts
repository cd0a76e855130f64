import type { Config } from '../../src/config/config.ts';

/**
 * A configuration's values, comparable with `isDeepStrictEqual`: each vendor's variables and tuning
 * instead of its descriptor and connector factory (functions compare by identity).
 */
export function configValues(config: Config) {
  const { registry: _registry, vendors, ...rest } = config;
  return {
    ...rest,
    vendors: Object.fromEntries(
      [...vendors].map(([name, vendor]) => [
        name,
        { settings: vendor.settings, tuning: vendor.tuning, hasCredentials: vendor.hasCredentials },
      ]),
    ),
  };
}
