import fc from 'fast-check';
import { DriftLog } from '../../../../src/vendors/tolerant.ts';
import { TRUSTDECISION_LABELS, TRUSTDECISION_RISK_TOOLS } from '../../../../src/vendors/trustdecision/labels.ts';
import { buildTrustDecisionReport } from '../../../../src/vendors/trustdecision/map.ts';
import { deviceInfoSchema } from '../../../../src/vendors/trustdecision/schema.ts';
import type { Flag, VendorPayloads } from '../claims.ts';
import { ClaimSet, field, present, vocabulary } from './values.ts';

/**
 * TrustDecision `DeviceInfo` answers: any documented labels and tools with undocumented ones now and
 * then, VPN and proxy details present or empty, scores in and out of the scale.
 */

type Info = Record<string, unknown>;

/** What a documented label says about a flag, in TrustDecision's own words (its label list). */
const LABEL_FLAGS: Readonly<Record<string, Flag>> = {
  vpn_detected: 'vpn',
  proxy_detected: 'proxy',
  headless_mode: 'headless',
  crawler: 'bot',
  emulator: 'emulator',
  root: 'rooted',
  jail_break: 'jailbroken',
  incognito_mode: 'incognito',
  virtual_machine: 'virtualMachine',
  replay_attacks: 'replayed',
  device_info_tampered: 'tampering',
  script_tempered: 'tampering',
  cookie_tempered: 'tampering',
};

const labels = fc.uniqueArray(
  vocabulary(Object.keys(TRUSTDECISION_LABELS), ['abnormal_network_connection', 'ai_agent_detected']),
  { maxLength: 6 },
);
const tools = fc.uniqueArray(vocabulary(Object.keys(TRUSTDECISION_RISK_TOOLS), ['new_tool']), { maxLength: 4 });

const info: fc.Arbitrary<Info> = fc
  .record({
    code: fc.constant(200),
    device_id: field(fc.constant('A1VHK6r9-T3E2-U77L-786n-6kn6ZJhQt5ee')),
    device_os: field(vocabulary(['Android', 'iOS', 'Web', 'Harmony'], ['KaiOS'])),
    device_detail: field(
      fc.record({
        ip: field(fc.constantFrom('198.51.100.23', '')),
        vpn_ip: field(fc.constantFrom('10.8.0.6', '')),
        proxy_info: field(fc.constantFrom('10.2.3.4:8080', '')),
      }),
    ),
    device_risk_score: field(fc.integer({ min: -5, max: 200 })),
    device_risk_label: field(labels),
    device_risk_tools: field(
      fc.record({ installed_risk_tools_type: field(tools), running_risk_tools_type: field(tools) }),
    ),
  })
  .map((record) => {
    const detail = record.device_detail;
    const tools = record.device_risk_tools;
    return present({
      ...record,
      device_detail: detail && typeof detail === 'object' ? present(detail) : detail,
      device_risk_tools: tools && typeof tools === 'object' ? present(tools) : tools,
    }) as Info;
  });

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

export const trustDecisionPayloads: VendorPayloads<Info> = {
  vendor: 'TRUSTDECISION',
  payload: info,
  report: (payload) => buildTrustDecisionReport(deviceInfoSchema.parse(payload), new DriftLog()),
  claims(payload) {
    const claims = new ClaimSet();
    for (const label of strings(payload['device_risk_label'])) {
      const flag = LABEL_FLAGS[label];
      if (flag) claims.flag(flag, true);
    }
    const detail = payload['device_detail'] as Record<string, unknown> | null | undefined;
    if (detail?.['vpn_ip']) claims.flag('vpn', true);
    if (detail?.['proxy_info']) claims.flag('proxy', true);
    const tools = payload['device_risk_tools'] as Record<string, unknown> | null | undefined;
    const all = [...strings(tools?.['installed_risk_tools_type']), ...strings(tools?.['running_risk_tools_type'])];
    if (all.includes('frida')) claims.flag('frida', true);
    // TrustDecision only ever raises labels: a label it did not raise is no denial, so nothing is "no".
    return claims.claims();
  },
};
