import type { BaseContext } from '@apollo/server';
import { type GraphQLFormattedError, type GraphQLResolveInfo, responsePathAsArray } from 'graphql';
import type { VendorError } from '../../vendors/errors.ts';
import type { VendorRegistry } from '../../vendors/registry.ts';
import type { RequestHooks } from '../request-hooks.ts';
import { vendorMessage } from './graphql-errors.ts';

/**
 * Vendor failures do not fail fields: the other vendors' data still resolves. They are reported
 * beside the data as GraphQL errors with a stable `extensions.code`, one per vendor per event
 * object (pointing at the first field it affected), so a list of 100 events with one vendor down
 * yields 100 errors, not one per field.
 */
export class VendorErrorCollector {
  readonly #registry: VendorRegistry;
  readonly #seen = new Set<string>();
  readonly #errors: GraphQLFormattedError[] = [];

  constructor(registry: VendorRegistry) {
    this.#registry = registry;
  }

  add(error: VendorError, info: GraphQLResolveInfo): void {
    const path = responsePathAsArray(info.path);
    const owner = path.slice(0, -1).join('.');
    const key = `${error.vendor}|${owner}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    const message = vendorMessage(error, this.#registry);
    this.#errors.push({ message, path, extensions: { code: error.code, vendor: error.vendor } });
  }

  get errors(): readonly GraphQLFormattedError[] {
    return this.#errors;
  }
}

/** Appends the collected vendor errors to the response. */
export function vendorErrorsHooks<
  Context extends BaseContext & { vendorErrors: VendorErrorCollector },
>(): RequestHooks<Context> {
  return {
    willSendResponse({ response, contextValue }) {
      const collected = contextValue.vendorErrors.errors;
      if (collected.length === 0 || response.body.kind !== 'single') return;
      const result = response.body.singleResult;
      result.errors = [...(result.errors ?? []), ...collected];
    },
  };
}
