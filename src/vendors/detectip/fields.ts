import type { DocumentedField } from '../descriptor.ts';

/**
 * Every field of the verdict detectip.ai documents (its API page: the example answer, and `action`
 * from the prose and code samples), and where it goes (docs/vendors.md).
 */
export const DOCUMENTED_FIELDS: readonly DocumentedField[] = [
  { path: 'token', dropped: 'our own session token, echoed back' },
  { path: 'score', model: ['BotVerdict.score'], labels: ['BOT', 'AUTOMATION'], view: ['DetectIpVerdict.score'] },
  {
    path: 'band',
    model: ['BotVerdict.detected', 'BotVerdict.kind'],
    labels: ['BOT', 'AUTOMATION'],
    view: ['DetectIpVerdict.band', 'DetectIpVerdict.bandValue'],
  },
  {
    path: 'hard_rule_hit',
    model: ['BotVerdict.detected'],
    labels: ['BOT'],
    view: ['DetectIpVerdict.hardRuleHit'],
  },
  { path: 'action', labels: ['VENDOR_ACTION', 'UNKNOWN'], view: ['DetectIpVerdict.action'] },
  { path: 'signals', view: ['DetectIpVerdict.signals'] },
  { path: 'signals[].name', view: ['DetectIpSignal.name'] },
  { path: 'signals[].layer', view: ['DetectIpSignal.layer'] },
  { path: 'signals[].llr', view: ['DetectIpSignal.llr'] },
  { path: 'signals[].detail', view: ['DetectIpSignal.detail'] },
  { path: 'network.ja4', view: ['DetectIpVerdict.ja4'] },
  {
    path: 'ip.datacenter',
    model: ['IpInfo.datacenter'],
    labels: ['DATACENTER_IP'],
    view: ['DetectIpVerdict.ipDatacenter'],
  },
  { path: 'ip.proxy', model: ['IpInfo.proxy'], labels: ['PROXY'], view: ['DetectIpVerdict.ipProxy'] },
  { path: 'ip.country', model: ['IpInfo.geolocation'], view: ['DetectIpVerdict.ipCountry'] },
];
