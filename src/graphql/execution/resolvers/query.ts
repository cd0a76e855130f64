import type { QueryResolvers } from '../../../generated/resolvers-types.ts';
import { validateSignals } from '../../../signals/validate.ts';
import type { RequestContext } from '../../context.ts';
import { badUserInput } from '../../errors/graphql-errors.ts';
import { resolveDevice } from '../devices.ts';
import type { EventRef } from '../event-ref.ts';
import { planEvent } from '../plan.ts';
import { preloadEvent, preloadEvents } from '../preload.ts';

export interface QueryLimits {
  /** Longest `events(signals:)` list accepted. */
  maxEventsPerQuery: number;
}

export function queryResolvers(limits: QueryLimits): QueryResolvers {
  return {
    event(_root, { signals }, context, info) {
      const planned = planEvent(info.fieldNodes, info, context.vendors);
      return preloadEvent(context, eventRef(signals, 'signals', planned, context));
    },
    events(_root, { signals }, context, info) {
      if (signals.length > limits.maxEventsPerQuery) {
        throw badUserInput(
          `signals accepts at most ${limits.maxEventsPerQuery} items (got ${signals.length})`,
          'signals',
        );
      }
      const planned = planEvent(info.fieldNodes, info, context.vendors);
      return preloadEvents(
        context,
        signals.map((item, index) => eventRef(item, `signals[${index}]`, planned, context)),
      );
    },
    device(_root, { id }, context, info) {
      return resolveDevice(id, context, info);
    },
  };
}

function eventRef(
  input: Readonly<Record<string, unknown>>,
  path: string,
  planned: EventRef['planned'],
  context: RequestContext,
): EventRef {
  const validated = validateSignals(input, path, context.vendors.signals);
  if (!validated.ok) throw badUserInput(validated.problem.message, validated.problem.path);
  return { signals: validated.signals, planned };
}
