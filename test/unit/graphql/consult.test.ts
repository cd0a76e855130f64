import { buildSchema, executeSync, type GraphQLResolveInfo, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
// Aliased: Biome takes a function named `after` for a test hook.
import { after as andThen } from '../../../src/eventually.ts';
import type { RequestContext } from '../../../src/graphql/context.ts';
import { VendorErrorCollector } from '../../../src/graphql/errors/vendor-errors.ts';
import { CacheHints } from '../../../src/graphql/execution/cache-hints.ts';
import { consult, consultOne } from '../../../src/graphql/execution/consult.ts';
import type { EventRef } from '../../../src/graphql/execution/event-ref.ts';
import type { VendorReport } from '../../../src/model/report.ts';
import { failedOutcome, okOutcome, type SourceOutcome } from '../../../src/sources/outcome.ts';
import { VendorError } from '../../../src/vendors/errors.ts';
import { VENDOR_REGISTRY } from '../../../src/vendors/registry.ts';

/** Real resolve infos of `event.risk` and `event.ip`, from a graphql-js execution. */
function eventFieldInfos(): Record<'risk' | 'ip', GraphQLResolveInfo> {
  const infos: Partial<Record<string, GraphQLResolveInfo>> = {};
  executeSync({
    schema: buildSchema('type Query { event: Event } type Event { risk: Boolean ip: Boolean }'),
    document: parse('{ event { risk ip } }'),
    fieldResolver: (_source, _args, _context, info) => {
      infos[info.fieldName] = info;
      return {};
    },
  });
  const { risk, ip } = infos;
  if (!risk || !ip) throw new Error('the fields did not resolve');
  return { risk, ip };
}

/** Reports are opaque to `consult`: it passes them on untouched. */
const report = (name: string) => ({ labels: [], drift: [], view: { name } }) as unknown as VendorReport;
const timing = { latencyMs: 3, cached: false, validForMs: 60_000 };

/** An event whose vendors were all preloaded: `consult` must not need the request's sources for it. */
function preloaded(outcomes: SourceOutcome[]): EventRef {
  return {
    signals: { detectIpToken: 'd', hitprobeProbeId: 'h', trustDecisionBlackBox: 't' },
    planned: new Set(outcomes.map((outcome) => outcome.vendor)),
    outcomes: new Map(outcomes.map((outcome) => [outcome.vendor, outcome])),
  };
}

/** A context holding only what `consult` reads for preloaded events: loading anything would throw. */
const contextWithoutSources = (vendorErrors: VendorErrorCollector) =>
  ({ vendorErrors, cacheHints: new CacheHints() }) as unknown as RequestContext;

describe('after', () => {
  it('applies the next step at once to a value, and after it to a promise', async () => {
    expect(andThen(2, (value) => value + 1)).toBe(3);
    const later = andThen(Promise.resolve(2), (value) => value + 1);
    expect(later).toBeInstanceOf(Promise);
    await expect(later).resolves.toBe(3);
  });
});

describe('consult on preloaded outcomes', () => {
  const unavailable = failedOutcome(new VendorError('TRUSTDECISION', 'VENDOR_UNAVAILABLE', 'failed (HTTP 503)'), 5);
  const outcomes = [
    okOutcome('DETECTIP', report('detectip'), timing),
    okOutcome('HITPROBE', null, timing), // not found
    unavailable,
  ];

  it('answers synchronously, with the reports of the vendors that answered', () => {
    const errors = new VendorErrorCollector(VENDOR_REGISTRY);
    const consulted = consult(
      contextWithoutSources(errors),
      preloaded(outcomes),
      ['DETECTIP', 'HITPROBE', 'TRUSTDECISION'],
      eventFieldInfos().risk,
    );
    if (consulted instanceof Promise) throw new Error('consult waited although every outcome was preloaded');
    const { reports, failed } = consulted;
    expect([...reports.keys()]).toEqual(['DETECTIP']);
    expect(failed).toEqual(['TRUSTDECISION']);
  });

  it('reports a failure as one error per vendor and event, not per field, and a not-found as none', () => {
    const errors = new VendorErrorCollector(VENDOR_REGISTRY);
    const context = contextWithoutSources(errors);
    const event = preloaded(outcomes);
    const { risk, ip } = eventFieldInfos();
    consult(context, event, ['DETECTIP', 'HITPROBE', 'TRUSTDECISION'], risk);
    consult(context, event, ['TRUSTDECISION'], ip);
    expect(errors.errors).toEqual([
      {
        message: `TrustDecision: ${unavailable.error?.message}`,
        path: ['event', 'risk'],
        extensions: { code: 'VENDOR_UNAVAILABLE', vendor: 'TRUSTDECISION' },
      },
    ]);
  });

  it('consults only the vendors asked for', () => {
    const consulted = consult(
      contextWithoutSources(new VendorErrorCollector(VENDOR_REGISTRY)),
      preloaded(outcomes),
      ['HITPROBE'],
      eventFieldInfos().risk,
    );
    expect(consulted).toEqual({ reports: new Map(), failed: [] });
  });

  it('gives one vendor’s report, or null when it was not found or failed', () => {
    const context = contextWithoutSources(new VendorErrorCollector(VENDOR_REGISTRY));
    const { risk } = eventFieldInfos();
    expect(consultOne(context, preloaded(outcomes), 'DETECTIP', risk)).toBe(outcomes[0]?.report);
    expect(consultOne(context, preloaded(outcomes), 'HITPROBE', risk)).toBeNull();
    expect(consultOne(context, preloaded(outcomes), 'TRUSTDECISION', risk)).toBeNull();
  });
});
