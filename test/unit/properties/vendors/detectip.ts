import fc from 'fast-check';
import { buildDetectIpReport } from '../../../../src/vendors/detectip/map.ts';
import { verdictSchema } from '../../../../src/vendors/detectip/schema.ts';
import { DriftLog } from '../../../../src/vendors/tolerant.ts';
import type { VendorPayloads } from '../claims.ts';
import { ClaimSet, field, present, vocabulary } from './values.ts';

/** detectip.ai verdicts: every band and action (and undocumented ones), hard rules, IP flags. */

type Verdict = Record<string, unknown>;

const verdict: fc.Arbitrary<Verdict> = fc
  .record({
    score: field(fc.integer({ min: 0, max: 100 })),
    band: field(vocabulary(['human', 'suspicious', 'automated', 'known-bot'], ['likely-bot', 'verified-bot'])),
    hard_rule_hit: field(fc.constantFrom('', '', 'headless_user_agent', 'tor_exit_node')),
    action: field(vocabulary(['allow', 'challenge', 'block'], ['throttle'])),
    ip: field(fc.record({ datacenter: field(fc.boolean()), proxy: field(fc.boolean()) })),
  })
  .map((record) => {
    const ip = record.ip;
    return present({ ...record, ip: ip && typeof ip === 'object' ? present(ip) : ip }) as Verdict;
  });

export const detectIpPayloads: VendorPayloads<Verdict> = {
  vendor: 'DETECTIP',
  payload: verdict,
  report: (payload) => buildDetectIpReport(verdictSchema.parse(payload), new DriftLog()),
  claims(payload) {
    const claims = new ClaimSet();
    const band = payload['band'];
    const hardRule = typeof payload['hard_rule_hit'] === 'string' && payload['hard_rule_hit'] !== '';
    if (hardRule || band === 'known-bot') claims.flag('bot', true);
    if (band === 'automated') claims.flag('automation', true);
    if (band === 'human' && !hardRule) claims.flag('bot', false).flag('automation', false);
    if (typeof band === 'string' && !['human', 'suspicious', 'automated', 'known-bot'].includes(band)) {
      claims.unknown.add('bot');
      claims.unknown.add('automation');
    }
    const ip = payload['ip'] as Record<string, unknown> | null | undefined;
    claims.flag('datacenter', ip?.['datacenter']);
    claims.flag('proxy', ip?.['proxy']);
    return claims.claims();
  },
};
