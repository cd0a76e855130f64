import type { MutationResolvers, ReportOutcomePayloadResolvers } from '../../../generated/resolvers-types.ts';
import { reportOutcome } from '../feedback.ts';
import { planEvent } from '../plan.ts';
import { preloadEvent } from '../preload.ts';

export const mutationResolvers: MutationResolvers = {
  reportOutcome: (_root, { input }, context, info) => reportOutcome(input, context, info),
};

export const reportOutcomePayloadResolvers: ReportOutcomePayloadResolvers = {
  // Read after the vendors took the outcome: the event's views show what they hold now.
  event: (payload, _args, context, info) =>
    preloadEvent(context, { signals: payload.signals, planned: planEvent(info.fieldNodes, info, context.vendors) }),
};
