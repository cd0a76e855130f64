import type { GraphQLResolveInfo } from 'graphql';
import { after, type Eventually } from '../../eventually.ts';
import { mergeFacts } from '../../model/merge.ts';
import { IP_RULES } from '../../model/merge-rules.ts';
import type { VendorReport } from '../../model/report.ts';
import type { Vendor } from '../../model/vendor.ts';
import {
  assessCheckpoint,
  type Checkpoint,
  type CheckpointAssessment,
  type CheckpointFacts,
} from '../../risk/checkpoint.ts';
import { IP_FIELD, type Signals } from '../../signals/signals.ts';
import type { SourceOutcome } from '../../sources/outcome.ts';
import type { RequestContext } from '../context.ts';
import { unknownCheckpoint } from '../errors/graphql-errors.ts';
import { type Consulted, consult, derived } from './consult.ts';
import { deviceFromReports } from './device-model.ts';
import type { EventRef } from './event-ref.ts';
import { neededBy } from './plan.ts';
import { factsOf, labelsOf } from './reports.ts';

/**
 * `Event.risk(checkpoint:)`: the checkpoint's verdict. Vendors the checkpoint sets options for (a
 * ruleset to evaluate) are consulted through their checkpoint lookup, every other vendor through
 * the event's own outcomes, so aliases asking for several checkpoints share every call but the
 * distinct rulesets'.
 */
export function resolveRisk(
  event: EventRef,
  name: string | null | undefined,
  context: RequestContext,
  info: GraphQLResolveInfo,
): Eventually<CheckpointAssessment> {
  const chosen = context.checkpoints.select(name);
  // checkpointInputHooks refuses such operations before they run; this covers resolvers run without it.
  if (!chosen) throw unknownCheckpoint(context.checkpoints.names);
  const instead = new Map<Vendor, Eventually<SourceOutcome>>();
  const inapplicable: CheckpointFacts['notEvaluated'][number][] = [];
  for (const [vendor, options] of chosen.vendorOptions) {
    const variant = context.sources.loadForCheckpoint(vendor, event.signals, options);
    if (variant && 'outcome' in variant) instead.set(vendor, variant.outcome);
    else if (variant) inapplicable.push({ vendor, rule: optionsRule(options), why: variant.notEvaluated });
  }
  const assess = ({ reports, failed }: Consulted): CheckpointAssessment =>
    assessCheckpoint(
      {
        labels: labelsOf(reports, context.vendors),
        missingSources: context.vendors.names.filter((vendor) => failed.includes(vendor)),
        deviceIds: deviceFromReports(reports)?.identifiers ?? [],
        ip: listedAddress(event.signals, reports),
        ...ruleVerdicts(instead, reports, chosen, inapplicable),
      },
      chosen,
    );
  const consulted = consult(context, event, neededBy(info, context.vendors), info, instead);
  // Without vendor rulesets, the verdict follows from the answers, the checkpoint and the given IP
  // alone: a query served from the cache judges each event once, not in every request.
  if (instead.size > 0 || inapplicable.length > 0) return after(consulted, assess);
  const given = event.signals[IP_FIELD] ?? '';
  return after(consulted, (answers) => {
    const byCheckpoint = derived(verdicts, answers, () => new WeakMap<Checkpoint, Map<string, CheckpointAssessment>>());
    const byIp = derived(byCheckpoint, chosen, () => new Map<string, CheckpointAssessment>());
    // The same tokens seldom come with many addresses; a caller varying them must not grow this.
    if (byIp.size >= MAX_ADDRESSES_PER_ANSWER && !byIp.has(given)) byIp.clear();
    return derived(byIp, given, () => assess(answers));
  });
}

/** Verdicts without vendor rulesets, per answers, checkpoint and given IP (`resolveRisk`). */
const verdicts = new WeakMap<Consulted, WeakMap<Checkpoint, Map<string, CheckpointAssessment>>>();
const MAX_ADDRESSES_PER_ANSWER = 8;

/** How a checkpoint's vendor options read in a reason: `option: value`. */
function optionsRule(options: Readonly<Record<string, unknown>>): string {
  return Object.entries(options)
    .map(([option, value]) => `${option}: ${String(value)}`)
    .join(', ');
}

/**
 * The rule verdicts in the answers to the checkpoint's lookups. An answer without one (a vendor
 * that did not evaluate the ruleset after all) is reported as not evaluated rather than ignored.
 */
function ruleVerdicts(
  instead: ReadonlyMap<Vendor, Eventually<SourceOutcome>>,
  reports: ReadonlyMap<Vendor, VendorReport>,
  chosen: Checkpoint,
  inapplicable: CheckpointFacts['notEvaluated'],
): Pick<CheckpointFacts, 'ruleActions' | 'notEvaluated'> {
  const ruleActions: CheckpointFacts['ruleActions'][number][] = [];
  const notEvaluated = [...inapplicable];
  for (const vendor of instead.keys()) {
    const report = reports.get(vendor);
    if (!report) continue;
    if (report.ruleAction) ruleActions.push({ vendor, ruleAction: report.ruleAction });
    else {
      const rule = optionsRule(chosen.vendorOptions.get(vendor) ?? {});
      notEvaluated.push({ vendor, rule, why: 'the vendor answered without a rule action' });
    }
  }
  return { ruleActions, notEvaluated };
}

/** The address lists apply to: the one the backend saw, else the one the vendors agree on. */
function listedAddress(signals: Signals, reports: ReadonlyMap<Vendor, VendorReport>): CheckpointFacts['ip'] {
  const given = signals[IP_FIELD];
  if (given) return { address: given, source: null };
  const merged = mergeFacts(
    IP_RULES,
    factsOf(reports, (report) => report.ip),
  );
  const source = merged?.provenance.find((entry) => entry.field === 'address')?.vendor;
  return merged?.address && source ? { address: merged.address, source } : undefined;
}
