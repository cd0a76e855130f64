import type { EventResolvers, SourceStatus } from '../../generated/resolvers-types.ts';
import { type Merged, mergeFacts } from '../../model/merge.ts';
import { ACTION_RULES, BOT_RULES, IP_RULES, VELOCITY_RULES } from '../../model/merge-rules.ts';
import type { ActionFacts } from '../../model/facts.ts';
import type { VendorReport } from '../../model/report.ts';
import { VENDORS, type Vendor } from '../../model/vendor.ts';
import { assessRisk } from '../../risk/policy.ts';
import { filterLabels } from '../../risk/taxonomy.ts';
import { encodeEventId } from '../../signals/event-id.ts';
import { validateEventId } from '../../signals/validate.ts';
import { consult } from '../consult.ts';
import { deviceFromReports } from '../device-model.ts';
import { badUserInput } from '../errors.ts';
import type { EventRef } from '../event-ref.ts';
import { neededBy, planEvent } from '../plan.ts';
import { vendorView } from '../vendor-views.ts';

/** Facts of one kind from each report, keyed by vendor, for `mergeFacts`. */
function factsOf<T>(
  reports: ReadonlyMap<Vendor, VendorReport>,
  pick: (report: VendorReport) => T | undefined,
): Map<Vendor, T> {
  const facts = new Map<Vendor, T>();
  for (const [vendor, report] of reports) {
    const value = pick(report);
    if (value) facts.set(vendor, value);
  }
  return facts;
}

function labelsOf(reports: ReadonlyMap<Vendor, VendorReport>) {
  return VENDORS.flatMap((vendor) => reports.get(vendor)?.labels ?? []);
}

async function actionFacts(...args: Parameters<typeof consult>): Promise<Merged<ActionFacts> | null> {
  const { reports } = await consult(...args);
  return mergeFacts(
    ACTION_RULES,
    factsOf(reports, (report) => report.action),
  );
}

export const eventResolvers: EventResolvers = {
  // Async on purpose: @apollo/subgraph turns a rejected promise into an error for this entity only,
  // while a synchronous throw would fail every representation of the `_entities` call.
  async __resolveReference(reference, context, info) {
    // Representations are untyped (`_Any`): `id` may be anything the caller sent.
    const validated = validateEventId((reference as { id?: unknown }).id, 'representations.id', context.eventIdKey);
    if (!validated.ok) throw badUserInput(validated.problem.message, validated.problem.path);
    return { signals: validated.signals, planned: planEvent(info.fieldNodes, info.fragments) } satisfies EventRef;
  },
  async id(event, _args, context, info) {
    const { fingerprintSealedResult, ...signals } = event.signals;
    if (!fingerprintSealedResult || signals.fingerprintEventId) return encodeEventId(signals, context.eventIdKey);
    // A sealed result (kilobytes) would make a huge id: keep the event id it contains instead, which
    // the Server API can look up later. Unsealing is local, no vendor call.
    const eventId = (await vendorView('FINGERPRINT', event, context, info))?.eventId;
    return encodeEventId(eventId ? { ...signals, fingerprintEventId: eventId } : signals, context.eventIdKey);
  },
  time: async (event, _args, context, info) => (await actionFacts(context, event, neededBy(info), info))?.time ?? null,
  url: async (event, _args, context, info) => (await actionFacts(context, event, neededBy(info), info))?.url ?? null,
  async device(event, _args, context, info) {
    const { reports } = await consult(context, event, neededBy(info), info);
    return deviceFromReports(reports);
  },
  async ip(event, _args, context, info) {
    const { reports } = await consult(context, event, neededBy(info), info);
    return mergeFacts(
      IP_RULES,
      factsOf(reports, (report) => report.ip),
    );
  },
  async velocity(event, _args, context, info) {
    const { reports } = await consult(context, event, neededBy(info), info);
    return mergeFacts(
      VELOCITY_RULES,
      factsOf(reports, (report) => report.velocity),
    );
  },
  async bot(event, _args, context, info) {
    const { reports } = await consult(context, event, neededBy(info), info);
    return mergeFacts(
      BOT_RULES,
      factsOf(reports, (report) => report.bot),
    );
  },
  async riskLabels(event, { minSeverity }, context, info) {
    const { reports } = await consult(context, event, neededBy(info), info);
    return filterLabels(labelsOf(reports), minSeverity);
  },
  async risk(event, _args, context, info) {
    const { reports, failed } = await consult(context, event, neededBy(info), info);
    return assessRisk(labelsOf(reports), failed, context.riskPolicy);
  },
  async sources(event, _args, context) {
    const statuses = VENDORS.filter((vendor) => context.sources.named(vendor, event.signals)).map(
      async (vendor): Promise<SourceStatus> => {
        const outcome = event.planned.has(vendor) ? context.sources.load(vendor, event.signals) : undefined;
        if (!outcome) return { vendor, status: 'SKIPPED', latencyMs: null, cached: false, errorCode: null };
        const { status, latencyMs, cached, error } = await outcome;
        return { vendor, status, latencyMs, cached, errorCode: error && status !== 'NOT_FOUND' ? error.code : null };
      },
    );
    return Promise.all(statuses);
  },
  fingerprint: (event, _args, context, info) => vendorView('FINGERPRINT', event, context, info),
  trustDecision: (event, _args, context, info) => vendorView('TRUSTDECISION', event, context, info),
  friendlyCaptcha: (event, _args, context, info) => vendorView('FRIENDLY_CAPTCHA', event, context, info),
  detectIp: (event, _args, context, info) => vendorView('DETECTIP', event, context, info),
  hitprobe: (event, _args, context, info) => vendorView('HITPROBE', event, context, info),
};
