import type fc from 'fast-check';
import type { BotFacts, IpFacts } from '../../../src/model/facts.ts';
import type { Merged } from '../../../src/model/merge.ts';
import type { VendorReport } from '../../../src/model/report.ts';
import type { Vendor } from '../../../src/model/vendor.ts';
import type { RiskCode } from '../../../src/risk/taxonomy.ts';

/**
 * The detections the invariants follow. Each vendor's generator (./vendors/<vendor>.ts) reads from
 * a raw payload, in the vendor's own terms and without the mapper, which of these the vendor said
 * yes to, no to, or answered with a value nobody documented.
 */
export const FLAGS = [
  'vpn',
  'proxy',
  'tor',
  'relay',
  'datacenter',
  'blocklisted',
  'bot',
  'automation',
  'headless',
  'tampering',
  'antiDetectBrowser',
  'virtualMachine',
  'emulator',
  'rooted',
  'jailbroken',
  'frida',
  'incognito',
  'replayed',
] as const;
export type Flag = (typeof FLAGS)[number];

export interface Claims {
  yes: ReadonlySet<Flag>;
  no: ReadonlySet<Flag>;
  /** Answered with a value the vendor does not document (an unknown enum value). */
  unknown: ReadonlySet<Flag>;
}

/** One vendor's payloads: generated raw answers, the real mapper, and what each answer said. */
export interface VendorPayloads<Payload = unknown> {
  vendor: Vendor;
  /** Successful raw answers as the vendor documents them, with unknown enum values now and then. */
  payload: fc.Arbitrary<Payload>;
  /** The answer through the vendor's real schema and mapper (as its client does after a 200). */
  report(payload: Payload): VendorReport;
  /** What the answer said, read straight from the payload. */
  claims(payload: Payload): Claims;
}

/** Where a flag shows in the merged model, when it is a merged flag. */
export const MERGED: Partial<
  Record<Flag, { ip?: (ip: Merged<IpFacts>) => unknown; bot?: (bot: Merged<BotFacts>) => unknown }>
> = {
  vpn: { ip: (ip) => ip.vpn },
  proxy: { ip: (ip) => ip.proxy?.result },
  tor: { ip: (ip) => ip.tor },
  relay: { ip: (ip) => ip.relay },
  datacenter: { ip: (ip) => ip.datacenter },
  blocklisted: { ip: (ip) => ip.blocklisted },
  bot: { bot: (bot) => bot.detected },
  automation: { bot: (bot) => bot.detected },
  headless: { bot: (bot) => bot.headless },
};

/** Where a flag shows in one vendor's own facts (before merging). */
export const OWN_FACT: Partial<Record<Flag, (report: VendorReport) => unknown>> = {
  vpn: (report) => report.ip?.vpn,
  proxy: (report) => report.ip?.proxy?.result,
  tor: (report) => report.ip?.tor,
  relay: (report) => report.ip?.relay,
  datacenter: (report) => report.ip?.datacenter,
  blocklisted: (report) => report.ip?.blocklisted,
  bot: (report) => report.bot?.detected,
  automation: (report) => report.bot?.detected,
  headless: (report) => report.bot?.headless,
};

/** The risk codes that name a detection of each flag. */
export const CODES: Record<Flag, readonly RiskCode[]> = {
  vpn: ['VPN'],
  proxy: ['PROXY'],
  tor: ['TOR'],
  relay: ['RELAY'],
  datacenter: ['DATACENTER_IP'],
  blocklisted: ['IP_BLOCKLISTED'],
  bot: ['BOT', 'AUTOMATION'],
  automation: ['AUTOMATION', 'BOT'],
  headless: ['HEADLESS', 'AUTOMATION'],
  tampering: ['TAMPERING', 'ANTI_DETECT_BROWSER'],
  antiDetectBrowser: ['ANTI_DETECT_BROWSER'],
  virtualMachine: ['VIRTUAL_MACHINE'],
  emulator: ['EMULATOR'],
  rooted: ['ROOTED'],
  jailbroken: ['JAILBROKEN'],
  frida: ['FRIDA'],
  incognito: ['INCOGNITO'],
  replayed: ['REPLAYED'],
};
