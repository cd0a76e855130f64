import fc from 'fast-check';
import { buildFriendlyCaptchaReport, VOCABULARIES } from '../../../../src/vendors/friendlycaptcha/map.ts';
import { retrieveSchema } from '../../../../src/vendors/friendlycaptcha/schema.ts';
import { DriftLog } from '../../../../src/vendors/tolerant.ts';
import type { VendorPayloads } from '../claims.ts';
import { ClaimSet, field, present, vocabulary } from './values.ts';

/**
 * Friendly Captcha retrieve answers (`data`): every module present, null or absent, scores inside
 * and outside the documented 0–5, AS types and bot types documented or not, re-used tokens.
 */

/** The AS types Friendly Captcha documents, restated here so the claims do not lean on the mapper. */
const AS_TYPES = ['isp', 'mobile', 'government', 'hosting', 'education', 'individual', 'business', 'other'];
/** Generated only: the claims read no automation or bot type. */
const AUTOMATION_TYPES = [
  ...VOCABULARIES['client.automation.automation_tool.type'],
  ...VOCABULARIES['client.automation.known_bot.type'],
];

/** Documented 0–5, or a number the vendor never documented. */
const score = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 5 }), weight: 6 }, fc.constantFrom(-1, 6, 9, 100));

const anonymization = fc.record({
  vpn_score: field(score),
  proxy_score: field(score),
  tor: field(fc.boolean()),
  icloud_private_relay: field(fc.boolean()),
});

const network = fc.record({
  ip: field(fc.constantFrom('203.0.113.54', '2001:db8::7', '')),
  as: field(
    fc.record({
      number: field(fc.integer({ min: 1, max: 400_000 })),
      name: field(fc.constantFrom('EXAMPLE-NET', '')),
      type: field(vocabulary(AS_TYPES, ['satellite', 'cdn', 'HOSTING'])),
    }),
  ),
  anonymization: field(anonymization),
});

const detection = fc.record({
  detected: field(fc.boolean()),
  id: field(fc.constantFrom('puppeteer', 'GPTBot', '')),
  name: field(fc.constantFrom('Puppeteer', 'GPTBot', '')),
  type: field(vocabulary(AUTOMATION_TYPES, ['ai_shopping_agent', 'scraper'])),
});

const client = fc.record({
  header_user_agent: field(fc.constant('Mozilla/5.0 (X11; Linux x86_64)')),
  automation: field(
    fc.record({ automation_tool: field(detection), known_bot: field(detection), headless: field(fc.boolean()) }),
  ),
});

type Data = Record<string, unknown>;

const data: fc.Arbitrary<Data> = fc
  .record({
    event_id: field(fc.constant('ev_generated')),
    token: field(fc.record({ num_uses: field(fc.integer({ min: 1, max: 9 })) })),
    risk_intelligence: field(
      fc.record({
        risk_scores: field(fc.record({ overall: field(score) })),
        network: field(network),
        client: field(client),
      }),
    ),
  })
  .map((record) => deepPresent(record) as Data);

/** Drops absent keys at every depth. */
function deepPresent(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(present(value as Record<string, unknown>)).map(([key, item]) => [key, deepPresent(item)]),
  );
}

type Obj = Record<string, unknown> | undefined;
const at = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (node, key) => (typeof node === 'object' && node !== null ? (node as Obj)?.[key] : undefined),
    value,
  );

/** A score's claim: 4–5 yes, 1–3 no, 0 nothing (the vendor's "unknown"), anything else undocumented. */
function scoreClaim(claims: ClaimSet, flag: 'vpn' | 'proxy', value: unknown): void {
  if (typeof value !== 'number' || value === 0) return;
  if (value < 0 || value > 5) claims.unknown.add(flag);
  else claims.flag(flag, value >= 4);
}

export const friendlyCaptchaPayloads: VendorPayloads<Data> = {
  vendor: 'FRIENDLY_CAPTCHA',
  payload: data,
  report: (payload) =>
    buildFriendlyCaptchaReport(retrieveSchema.parse({ success: true, data: payload }).data ?? {}, new DriftLog()),
  claims(payload) {
    const claims = new ClaimSet();
    const ri = at(payload, 'risk_intelligence');
    const anon = at(ri, 'network', 'anonymization');
    scoreClaim(claims, 'vpn', at(anon, 'vpn_score'));
    scoreClaim(claims, 'proxy', at(anon, 'proxy_score'));
    claims.flag('tor', at(anon, 'tor'));
    claims.flag('relay', at(anon, 'icloud_private_relay'));
    const asType = at(ri, 'network', 'as', 'type');
    if (typeof asType === 'string') {
      if (AS_TYPES.includes(asType)) claims.flag('datacenter', asType === 'hosting');
      else claims.unknown.add('datacenter');
    }
    const automation = at(ri, 'client', 'automation');
    claims.flag('automation', at(automation, 'automation_tool', 'detected'));
    claims.flag('headless', at(automation, 'headless'));
    // A known bot is a declared (good) bot and a re-used token is no replay: neither is claimed.
    return claims.claims();
  },
};
