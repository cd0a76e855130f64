import type { GraphQLFieldResolver } from 'graphql';
import { after } from '../../eventually.ts';
import type { VendorRegistry } from '../../vendors/registry.ts';
import type { RequestContext } from '../context.ts';
import { consultOne } from './consult.ts';
import type { EventRef } from './event-ref.ts';

/**
 * The resolvers of the vendors' own `Event` fields (`Event.fingerprint`, …), one per registered
 * vendor: each consults its vendor only and returns the report's view, or null when the vendor
 * was not named, did not find the token or failed (the failure is collected). That each view fits
 * its GraphQL type is proven at compile time in test/unit/vendors/vendor-views.test.ts.
 */
export function vendorViewResolvers(
  registry: VendorRegistry,
): Record<string, GraphQLFieldResolver<EventRef, RequestContext>> {
  return Object.fromEntries(
    registry.descriptors.map(({ name, view }) => [
      view.field,
      (event: EventRef, _args: unknown, context: RequestContext, info) =>
        after(consultOne(context, event, name, info), (report) => report?.view ?? null),
    ]),
  );
}
