import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BotFacts, IpFacts } from '../../../src/model/facts.ts';
import { mergeFacts } from '../../../src/model/merge.ts';
import { BOT_RULES, IP_RULES } from '../../../src/model/merge-rules.ts';
import type { VendorReport } from '../../../src/model/report.ts';
import type { Vendor } from '../../../src/model/vendor.ts';
import { VENDOR_REGISTRY } from '../../../src/vendors/registry.ts';
import { type Claims, CODES, FLAGS, MERGED, OWN_FACT, type VendorPayloads } from './claims.ts';
import { PAYLOADS } from './vendors/index.ts';

/**
 * The verdict's invariants over generated payloads of every vendor, alone and disagreeing:
 * - no lost detection: a flag any consulted vendor detected is true in the merged model (where the
 *   model merges it) and a label names that vendor;
 * - details (proxy type, confidence) come from a vendor that said yes;
 * - unknown stays unknown: a value the vendor does not document never becomes a "no".
 */

const SEED = Number(process.env['PROPERTY_SEED'] ?? 20_261_130);
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);

interface Answer {
  vendor: Vendor;
  report: VendorReport;
  claims: Claims;
}

/** Some of the vendors (at least one), each with a generated answer. */
const answers: fc.Arbitrary<Answer[]> = fc
  .tuple(
    ...PAYLOADS.map((payloads: VendorPayloads) =>
      fc.option(
        payloads.payload.map((payload) => ({
          vendor: payloads.vendor,
          report: payloads.report(payload),
          claims: payloads.claims(payload),
        })),
        { freq: 3 },
      ),
    ),
  )
  .map((items) => items.filter((item): item is Answer => item !== null))
  .filter((items) => items.length > 0);

function merged(answers: readonly Answer[]) {
  const facts = <T>(pick: (report: VendorReport) => T | undefined) =>
    new Map(answers.flatMap(({ vendor, report }) => (pick(report) ? [[vendor, pick(report) as T] as const] : [])));
  return {
    ip: mergeFacts<IpFacts>(
      IP_RULES,
      facts((report) => report.ip),
    ),
    bot: mergeFacts<BotFacts>(
      BOT_RULES,
      facts((report) => report.bot),
    ),
    labels: answers.flatMap(({ report }) => report.labels),
  };
}

describe('the verdict over generated vendor answers', () => {
  it('has a generator for every registered vendor', () => {
    expect(PAYLOADS.map((payloads) => payloads.vendor).sort()).toEqual([...VENDOR_REGISTRY.names].sort());
  });

  it('loses no detection: the merged flag is true and a label names the vendor that detected it', () => {
    fc.assert(
      fc.property(answers, (given) => {
        const { ip, bot, labels } = merged(given);
        for (const { vendor, claims } of given) {
          for (const flag of claims.yes) {
            const place = MERGED[flag];
            if (place?.ip) expect(ip && place.ip(ip), `${vendor} said ${flag}`).toBe(true);
            if (place?.bot) expect(bot && place.bot(bot), `${vendor} said ${flag}`).toBe(true);
            const named = labels.some((label) => label.source === vendor && CODES[flag].includes(label.code));
            expect(named, `${vendor} said ${flag}: a label names it`).toBe(true);
          }
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('takes the details of a detection from a vendor that detected it', () => {
    fc.assert(
      fc.property(answers, (given) => {
        const { ip } = merged(given);
        if (ip?.proxy?.result !== true) return;
        const source = ip.provenance.find((entry) => entry.field === 'proxy')?.vendor;
        const detectors = given.filter(({ claims }) => claims.yes.has('proxy')).map(({ vendor }) => vendor);
        expect(detectors).toContain(source);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('never turns a value the vendor does not document into a "no"', () => {
    fc.assert(
      fc.property(answers, (given) => {
        for (const { vendor, report, claims } of given) {
          for (const flag of FLAGS) {
            const fact = OWN_FACT[flag];
            if (!fact || !claims.unknown.has(flag) || claims.yes.has(flag) || claims.no.has(flag)) continue;
            expect(fact(report), `${vendor}: an unknown ${flag} value`).not.toBe(false);
          }
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
