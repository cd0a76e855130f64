import type { Resolvers } from '../../../generated/resolvers-types.ts';
import type { VendorRegistry } from '../../../vendors/registry.ts';
import { deviceResolvers } from './device.ts';
import { eventResolvers } from './event.ts';
import { mutationResolvers, reportOutcomePayloadResolvers } from './mutation.ts';
import { type QueryLimits, queryResolvers } from './query.ts';
import { DateTime, JSONScalar } from './scalars.ts';

export type { QueryLimits };

export function createResolvers(limits: QueryLimits, registry: VendorRegistry): Resolvers {
  return {
    DateTime,
    JSON: JSONScalar,
    Query: queryResolvers(limits),
    Mutation: mutationResolvers,
    ReportOutcomePayload: reportOutcomePayloadResolvers,
    Event: eventResolvers(registry),
    Device: deviceResolvers,
  };
}
