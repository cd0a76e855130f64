import type { EventResolvers, SourceStatus } from '../../../generated/resolvers-types.ts';
import type { ActionFacts } from '../../../model/facts.ts';
import { type Merged, mergeFacts } from '../../../model/merge.ts';
import { ACTION_RULES, BOT_RULES, IP_RULES, VELOCITY_RULES } from '../../../model/merge-rules.ts';
import type { Vendor } from '../../../model/vendor.ts';
import { filterLabels } from '../../../risk/taxonomy.ts';
import { encodeEventId } from '../../../signals/event-id.ts';
import { validateEventId } from '../../../signals/validate.ts';
import type { SourceOutcome } from '../../../sources/outcome.ts';
import type { VendorRegistry } from '../../../vendors/registry.ts';
import { badUserInput } from '../../errors/graphql-errors.ts';
import { after, consult, type Eventually } from '../consult.ts';
import { deviceFromReports } from '../device-model.ts';
import { eventIdSignals } from '../event-id.ts';
import { neededBy, planEvent } from '../plan.ts';
import { preloadEvent } from '../preload.ts';
import { factsOf, labelsOf } from '../reports.ts';
import { resolveRisk } from '../risk.ts';
import { vendorViewResolvers } from '../vendor-views.ts';

function actionFacts(...args: Parameters<typeof consult>): Eventually<Merged<ActionFacts> | null> {
  return after(consult(...args), ({ reports }) =>
    mergeFacts(
      ACTION_RULES,
      factsOf(reports, (report) => report.action),
    ),
  );
}

function sourceStatus(vendor: Vendor, outcome: SourceOutcome | undefined): SourceStatus {
  if (!outcome) return { vendor, status: 'SKIPPED', latencyMs: null, cached: false, errorCode: null };
  const { status, latencyMs, cached, error } = outcome;
  return { vendor, status, latencyMs, cached, errorCode: error && status !== 'NOT_FOUND' ? error.code : null };
}

export const eventResolvers = (registry: VendorRegistry): EventResolvers => ({
  // Async on purpose: @apollo/subgraph turns a rejected promise into an error for this entity only,
  // while a synchronous throw would fail every representation of the `_entities` call.
  async __resolveReference(reference, context, info) {
    // Representations are untyped (`_Any`): `id` may be anything the caller sent.
    const validated = validateEventId(
      (reference as { id?: unknown }).id,
      'representations.id',
      context.vendors.signals,
      context.eventIdKey,
    );
    if (!validated.ok) throw badUserInput(validated.problem.message, validated.problem.path);
    const planned = planEvent(info.fieldNodes, info, context.vendors);
    return preloadEvent(context, { signals: validated.signals, planned });
  },
  id: (event, _args, context, info) =>
    after(eventIdSignals(event, context, info), (signals) =>
      encodeEventId(signals, context.vendors.signals, context.eventIdKey),
    ),
  time: (event, _args, context, info) =>
    after(actionFacts(context, event, neededBy(info, context.vendors), info), (facts) => facts?.time ?? null),
  url: (event, _args, context, info) =>
    after(actionFacts(context, event, neededBy(info, context.vendors), info), (facts) => facts?.url ?? null),
  device: (event, _args, context, info) =>
    after(consult(context, event, neededBy(info, context.vendors), info), ({ reports }) => deviceFromReports(reports)),
  ip: (event, _args, context, info) =>
    after(consult(context, event, neededBy(info, context.vendors), info), ({ reports }) =>
      mergeFacts(
        IP_RULES,
        factsOf(reports, (report) => report.ip),
      ),
    ),
  velocity: (event, _args, context, info) =>
    after(consult(context, event, neededBy(info, context.vendors), info), ({ reports }) =>
      mergeFacts(
        VELOCITY_RULES,
        factsOf(reports, (report) => report.velocity),
      ),
    ),
  bot: (event, _args, context, info) =>
    after(consult(context, event, neededBy(info, context.vendors), info), ({ reports }) =>
      mergeFacts(
        BOT_RULES,
        factsOf(reports, (report) => report.bot),
      ),
    ),
  riskLabels: (event, { minSeverity }, context, info) =>
    after(consult(context, event, neededBy(info, context.vendors), info), ({ reports }) =>
      filterLabels(labelsOf(reports, context.vendors), minSeverity),
    ),
  risk: (event, { checkpoint }, context, info) => resolveRisk(event, checkpoint, context, info),
  sources(event, _args, context) {
    const statuses = context.vendors.names
      .filter((vendor) => context.sources.named(vendor, event.signals))
      .map((vendor): Eventually<SourceStatus> => {
        if (!event.planned.has(vendor)) return sourceStatus(vendor, undefined);
        const outcome = event.outcomes?.get(vendor) ?? context.sources.load(vendor, event.signals);
        return after(outcome ?? undefined, (loaded) => sourceStatus(vendor, loaded));
      });
    return statuses.some((status) => status instanceof Promise) ? Promise.all(statuses) : (statuses as SourceStatus[]);
  },
  ...vendorViewResolvers(registry),
});
