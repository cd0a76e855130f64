import { after, type Eventually } from '../../../eventually.ts';
import type { EventResolvers, SourceStatus } from '../../../generated/resolvers-types.ts';
import type { ActionFacts } from '../../../model/facts.ts';
import { type Merged, type MergeRules, mergeFacts } from '../../../model/merge.ts';
import { ACTION_RULES, BOT_RULES, IP_RULES, VELOCITY_RULES } from '../../../model/merge-rules.ts';
import type { VendorReport } from '../../../model/report.ts';
import type { Vendor } from '../../../model/vendor.ts';
import { filterLabels, type RiskLabel, type Severity } from '../../../risk/taxonomy.ts';
import { encodeEventId } from '../../../signals/event-id.ts';
import { validateEventId } from '../../../signals/validate.ts';
import type { SourceOutcome } from '../../../sources/outcome.ts';
import type { VendorRegistry } from '../../../vendors/registry.ts';
import { badUserInput } from '../../errors/graphql-errors.ts';
import { restrictToEntityType } from '../cache-hints.ts';
import { type Consulted, consult, derived } from '../consult.ts';
import { type DeviceModel, deviceFromReports } from '../device-model.ts';
import { eventIdSignals } from '../event-id.ts';
import { neededBy, planEvent } from '../plan.ts';
import { preloadEvent } from '../preload.ts';
import { factsOf, labelsOf } from '../reports.ts';
import { resolveRisk } from '../risk.ts';
import { vendorViewResolvers } from '../vendor-views.ts';

/**
 * One kind of merged facts of the consulted vendors, computed once per `Consulted` (`derived`): a
 * query served from the cache merges each kind once, not in every request.
 */
function mergedFacts<T extends object>(
  rules: MergeRules<T>,
  pick: (report: VendorReport) => Partial<T> | undefined,
): (consulted: Consulted) => Merged<T> | null {
  const memo = new WeakMap<Consulted, Merged<T> | null>();
  return (consulted) => derived(memo, consulted, () => mergeFacts(rules, factsOf(consulted.reports, pick)));
}

const mergedAction = mergedFacts(ACTION_RULES, (report) => report.action);
const mergedIp = mergedFacts(IP_RULES, (report) => report.ip);
const mergedVelocity = mergedFacts(VELOCITY_RULES, (report) => report.velocity);
const mergedBot = mergedFacts(BOT_RULES, (report) => report.bot);
const devices = new WeakMap<Consulted, DeviceModel | null>();

function actionFacts(...args: Parameters<typeof consult>): Eventually<Merged<ActionFacts> | null> {
  return after(consult(...args), mergedAction);
}

function sourceStatus(vendor: Vendor, outcome: SourceOutcome | undefined): SourceStatus {
  if (!outcome) return { vendor, status: 'SKIPPED', latencyMs: null, cached: false, errorCode: null };
  const { status, latencyMs, cached, error } = outcome;
  return { vendor, status, latencyMs, cached, errorCode: error && status !== 'NOT_FOUND' ? error.code : null };
}

export function eventResolvers(registry: VendorRegistry): EventResolvers {
  // Labels depend on the registry's order besides the answers: remembered per app.
  const labels = new WeakMap<Consulted, Map<Severity, RiskLabel[]>>();
  const labelsAtLeast = (consulted: Consulted, minSeverity: Severity): RiskLabel[] => {
    const bySeverity = derived(labels, consulted, () => new Map<Severity, RiskLabel[]>());
    let filtered = bySeverity.get(minSeverity);
    if (!filtered) {
      filtered = filterLabels(labelsOf(consulted.reports, registry), minSeverity);
      bySeverity.set(minSeverity, filtered);
    }
    return filtered;
  };
  return {
    // Async on purpose: @apollo/subgraph turns a rejected promise into an error for this entity only,
    // while a synchronous throw would fail every representation of the `_entities` call.
    async __resolveReference(reference, context, info) {
      restrictToEntityType(context.cacheHints, info, 'Event');
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
      after(consult(context, event, neededBy(info, context.vendors), info), (consulted) =>
        derived(devices, consulted, () => deviceFromReports(consulted.reports)),
      ),
    ip: (event, _args, context, info) =>
      after(consult(context, event, neededBy(info, context.vendors), info), mergedIp),
    velocity: (event, _args, context, info) =>
      after(consult(context, event, neededBy(info, context.vendors), info), mergedVelocity),
    bot: (event, _args, context, info) =>
      after(consult(context, event, neededBy(info, context.vendors), info), mergedBot),
    riskLabels: (event, { minSeverity }, context, info) =>
      after(consult(context, event, neededBy(info, context.vendors), info), (consulted) =>
        labelsAtLeast(consulted, minSeverity),
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
      return statuses.some((status) => status instanceof Promise)
        ? Promise.all(statuses)
        : (statuses as SourceStatus[]);
    },
    ...vendorViewResolvers(registry),
  };
}
