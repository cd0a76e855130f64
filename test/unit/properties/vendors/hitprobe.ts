import fc from 'fast-check';
import { buildHitprobeReport } from '../../../../src/vendors/hitprobe/map.ts';
import { eventSchema } from '../../../../src/vendors/hitprobe/schema.ts';
import { DriftLog } from '../../../../src/vendors/tolerant.ts';
import type { VendorPayloads } from '../claims.ts';
import { ClaimSet, field, present, vocabulary } from './values.ts';

/**
 * Hitprobe event results whose device was found (`success` and `valid` true, as the client requires
 * before mapping): flags true, false, missing or not booleans, and rules of every type and action.
 */

type Event = Record<string, unknown>;

/** A documented boolean, or a value Hitprobe never documented for it. */
const flag = fc.oneof({ arbitrary: fc.boolean(), weight: 8 }, fc.constantFrom('yes', 1));

const rule = fc.record({
  id: vocabulary(['bot', 'anonymous', 'repeat_device', 'emails_per_device', 'location', 'suspect_probe'], ['velocity']),
  type: vocabulary(['smart', 'custom', 'allowlist'], ['ml']),
  name: fc.constant('A rule'),
  action: vocabulary(['allow', 'allow_review', 'block', 'block_review', 'review'], ['quarantine']),
});

const event: fc.Arbitrary<Event> = fc
  .record({
    device: fc.record({
      success: fc.constant(true),
      valid: fc.constant(true),
      device_id: field(fc.constant('kMZNtJAbyZtFBSZesnNnwg')),
      bot: field(flag),
      headless_browser: field(flag),
      private_browsing: field(flag),
      anonymous: field(flag),
      timezone_mismatch: field(flag),
      ua_crawler: field(flag),
      probe_suspect: field(flag),
    }),
    rules: fc.array(rule, { maxLength: 4 }),
  })
  .map(({ device, rules }) => ({ device: present(device), rules }));

export const hitprobePayloads: VendorPayloads<Event> = {
  vendor: 'HITPROBE',
  payload: event,
  report: (payload) => buildHitprobeReport(eventSchema.parse(payload), new DriftLog()),
  claims(payload) {
    const device = payload['device'] as Record<string, unknown>;
    const claims = new ClaimSet()
      .flag('bot', device['bot'])
      .flag('headless', device['headless_browser'])
      .flag('incognito', device['private_browsing']);
    for (const name of ['bot', 'headless_browser'] as const) {
      const value = device[name];
      if (value !== undefined && value !== null && typeof value !== 'boolean') {
        claims.unknown.add(name === 'bot' ? 'bot' : 'headless');
      }
    }
    // `anonymous` names no kind of connection (VPN, Tor, proxy or a time zone mismatch): no flag.
    return claims.claims();
  },
};
