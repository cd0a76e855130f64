import { describe, expect, it } from 'vitest';
import { allSources, type MergeRule, type MergeRules, mergeFacts, sourcesForFields } from '../../../src/model/merge.ts';
import { ACTION_RULES, BOT_RULES, DEVICE_RULES, IP_RULES, VELOCITY_RULES } from '../../../src/model/merge-rules.ts';
import type { Vendor } from '../../../src/model/vendor.ts';

type AnyRules = MergeRules<Record<string, unknown>>;
const TABLES: [string, AnyRules][] = [
  ['ACTION_RULES', ACTION_RULES as AnyRules],
  ['DEVICE_RULES', DEVICE_RULES as AnyRules],
  ['IP_RULES', IP_RULES as AnyRules],
  ['VELOCITY_RULES', VELOCITY_RULES as AnyRules],
  ['BOT_RULES', BOT_RULES as AnyRules],
];

/** A value a vendor could state for a field: distinct per vendor so the winner is visible. */
const valueFrom = (vendor: Vendor, combine: 'first' | 'any') =>
  combine === 'any' ? vendor === 'DETECTIP' : `from ${vendor}`;

describe('merge rules, table by table', () => {
  for (const [name, rules] of TABLES) {
    for (const [field, rule] of Object.entries(rules) as [string, MergeRule][]) {
      // Without a value for the field it follows, a following field is merged first in order.
      const mode = rule.combine === 'any' ? 'any' : 'first';
      it(`${name}.${field}: ${JSON.stringify(rule.combine)} of ${rule.sources.join(' > ')}`, () => {
        expect(rule.sources.length).toBeGreaterThan(0);
        expect(new Set(rule.sources).size).toBe(rule.sources.length);
        expect(rule.why.length).toBeGreaterThan(10);

        // Each source alone supplies the field, with provenance.
        const alone = (vendor: Vendor) => (mode === 'any' ? true : valueFrom(vendor, 'first'));
        for (const vendor of rule.sources) {
          const merged = mergeFacts(rules, new Map([[vendor, { [field]: alone(vendor) }]]));
          expect(merged?.[field as never]).toBe(alone(vendor));
          expect(merged?.provenance).toEqual([{ field, vendor }]);
        }

        const all = new Map(rule.sources.map((vendor) => [vendor, { [field]: valueFrom(vendor, mode) }]));
        const merged = mergeFacts(rules, all);
        if (mode === 'first') {
          // Everyone says something: the first in order wins.
          expect(merged?.[field as never]).toBe(valueFrom(rule.sources[0]!, 'first'));
          expect(merged?.provenance).toEqual([{ field, vendor: rule.sources[0] }]);
        } else {
          // One detection among denials: true, attributed to the detecting vendor.
          const detector = rule.sources.includes('DETECTIP') ? 'DETECTIP' : undefined;
          expect(merged?.[field as never]).toBe(detector !== undefined);
          expect(merged?.provenance).toEqual([{ field, vendor: detector ?? rule.sources[0] }]);
        }

        // A vendor that is not a source of the field is ignored.
        const outsider = (['FINGERPRINT', 'TRUSTDECISION', 'FRIENDLY_CAPTCHA', 'DETECTIP', 'HITPROBE'] as const).find(
          (vendor) => !rule.sources.includes(vendor),
        );
        if (outsider) expect(mergeFacts(rules, new Map([[outsider, { [field]: alone(outsider) }]]))).toBeNull();
      });
    }
  }
});

describe('mergeFacts', () => {
  it('skips null and undefined when looking for the first value', () => {
    const merged = mergeFacts(
      IP_RULES,
      new Map<Vendor, object>([
        ['FINGERPRINT', { address: undefined }],
        ['HITPROBE', { address: '203.0.113.7' }],
      ]),
    );
    expect(merged?.address).toBe('203.0.113.7');
    expect(merged?.provenance).toEqual([{ field: 'address', vendor: 'HITPROBE' }]);
  });

  it('keeps a whole object from one vendor (geolocation stays consistent)', () => {
    const berlin = { city: 'Berlin', country: { code: 'DE', name: 'Germany' } };
    const paris = { city: 'Paris', country: { code: 'FR', name: 'France' } };
    const merged = mergeFacts(
      IP_RULES,
      new Map<Vendor, object>([
        ['FRIENDLY_CAPTCHA', { geolocation: paris }],
        ['FINGERPRINT', { geolocation: berlin }],
      ]),
    );
    expect(merged?.geolocation).toBe(berlin);
  });

  it('gives false for "any" flags only when a vendor denied and none detected', () => {
    expect(mergeFacts(IP_RULES, new Map<Vendor, object>([['FINGERPRINT', { vpn: false }]]))?.vpn).toBe(false);
    expect(mergeFacts(IP_RULES, new Map<Vendor, object>([['FINGERPRINT', { tor: true }]]))?.vpn).toBeNull();
  });

  it('says a flag with details is true when any vendor said yes, with the details of the first that did', () => {
    const merged = mergeFacts(
      IP_RULES,
      new Map<Vendor, object>([
        ['FINGERPRINT', { proxy: { result: false, type: null, confidence: 'HIGH', provider: null } }],
        [
          'FRIENDLY_CAPTCHA',
          { proxy: { result: true, type: 'DATA_CENTER', confidence: null, provider: 'ExampleNet' } },
        ],
        ['TRUSTDECISION', { proxy: { result: true, type: null, confidence: null, provider: null } }],
      ]),
    );
    expect(merged?.proxy).toEqual({ result: true, type: 'DATA_CENTER', confidence: null, provider: 'ExampleNet' });
    expect(merged?.provenance).toEqual([{ field: 'proxy', vendor: 'FRIENDLY_CAPTCHA' }]);
  });

  it('takes a following field from the vendor that won the field it follows', () => {
    const merged = mergeFacts(
      BOT_RULES,
      new Map<Vendor, object>([
        ['FINGERPRINT', { detected: false, kind: 'HUMAN' }],
        ['DETECTIP', { detected: true, kind: 'BAD_BOT', score: 97 }],
      ]),
    );
    expect(merged).toMatchObject({ detected: true, kind: 'BAD_BOT' });
    expect(merged?.provenance).toEqual([
      { field: 'detected', vendor: 'DETECTIP' },
      { field: 'kind', vendor: 'DETECTIP' },
      { field: 'score', vendor: 'DETECTIP' },
    ]);
    // The leader gave no kind: the first in order that did.
    const silent = mergeFacts(
      BOT_RULES,
      new Map<Vendor, object>([
        ['FINGERPRINT', { kind: 'HUMAN' }],
        ['HITPROBE', { detected: true }],
      ]),
    );
    expect(silent).toMatchObject({ detected: true, kind: 'HUMAN' });
  });

  it('is null when no vendor said anything', () => {
    expect(mergeFacts(DEVICE_RULES, new Map())).toBeNull();
    expect(mergeFacts(DEVICE_RULES, new Map<Vendor, object>([['FINGERPRINT', {}]]))).toBeNull();
  });
});

describe('planning from the rules', () => {
  it('needs only the sources of the selected fields, and all sources for unknown ones', () => {
    expect(sourcesForFields(IP_RULES, ['asn'])).toEqual(new Set(['FINGERPRINT', 'FRIENDLY_CAPTCHA']));
    expect(sourcesForFields(VELOCITY_RULES, ['deviceSeen', 'events'])).toEqual(new Set(['HITPROBE', 'FINGERPRINT']));
    expect(sourcesForFields(BOT_RULES, ['provenance'])).toEqual(allSources(BOT_RULES));
    // A following field needs the vendors of the field it follows, to know who won it.
    expect(sourcesForFields(BOT_RULES, ['kind'])).toEqual(
      new Set([...BOT_RULES.kind.sources, ...BOT_RULES.detected.sources]),
    );
  });
});
