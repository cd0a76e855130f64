import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Vendor } from '../../src/model/vendor.ts';
import { VENDORS } from '../../src/vendors/registry.ts';
import { type Harness, startHarness } from '../support/harness.ts';

/**
 * `@skip` and `@include` decide what runs, so they decide which vendors are called: a field that
 * execution leaves out must not cost a vendor call (Hitprobe records an event on every call), and
 * `sources` must say SKIPPED for the vendors nothing else needed. Each case uses a fresh token, so
 * a cached answer can never hide a call.
 */

/** Every `Event` field that calls vendors, with a sub-selection where it needs one. */
const VENDOR_FIELDS: Readonly<Record<string, string>> = {
  time: '',
  url: '',
  device: '{ id platform }',
  ip: '{ address vpn }',
  velocity: '{ events { last1h } distinctIps { last24h } }',
  bot: '{ detected kind }',
  riskLabels: '{ code }',
  risk: '{ score }',
  fingerprint: '{ eventId }',
  trustDecision: '{ deviceId }',
  friendlyCaptcha: '{ eventId }',
  detectIp: '{ score }',
  hitprobe: '{ probeId }',
};

interface Condition {
  /** The directive as written, `$on` standing for the variable. */
  directive: string;
  /** The variable's value, when the directive uses one. */
  on?: boolean;
}

/** Conditions under which execution leaves the selection out. */
const LEAVE_OUT: readonly Condition[] = [
  { directive: '@skip(if: true)' },
  { directive: '@include(if: false)' },
  { directive: '@skip(if: $on)', on: true },
  { directive: '@include(if: $on)', on: false },
];

/** Conditions under which execution keeps it. */
const KEEP: readonly Condition[] = [
  { directive: '@skip(if: false)' },
  { directive: '@include(if: true)' },
  { directive: '@skip(if: $on)', on: false },
  { directive: '@include(if: $on)', on: true },
];

/** Where the directive goes: on the field itself, on a fragment spread, on an inline fragment. */
const PLACES = ['field', 'fragment spread', 'inline fragment'] as const;
type Place = (typeof PLACES)[number];

function selectionOf(field: string, directive: string, place: Place): { selection: string; fragments: string } {
  const plain = `${field} ${VENDOR_FIELDS[field]}`;
  switch (place) {
    case 'field':
      return { selection: `${field} ${directive} ${VENDOR_FIELDS[field]}`, fragments: '' };
    case 'fragment spread':
      return { selection: `...Selected ${directive}`, fragments: `fragment Selected on Event { ${plain} }` };
    case 'inline fragment':
      return { selection: `... on Event ${directive} { ${plain} }`, fragments: '' };
  }
}

interface EventAnswer {
  event: Record<string, unknown> & { sources: { vendor: Vendor; status: string }[] };
}

describe('@skip and @include decide which vendors are called', () => {
  let harness: Harness;
  let fresh = 0;
  /** A token no earlier case used, for all five vendors. */
  const token = () => {
    fresh += 1;
    return `cond${String(fresh).padStart(18, '0')}`;
  };
  const signalsFor = (value: string) => ({
    fingerprintEventId: value,
    trustDecisionBlackBox: value,
    friendlyCaptchaToken: value,
    detectIpToken: value,
    hitprobeProbeId: value,
  });
  /** Vendors called for this token. */
  const calledWith = (value: string) => VENDORS.filter((vendor) => harness.simulator.tokenCalls(vendor, value) > 0);

  /** Queries one event with `selection` (and `on`, when given) and a fresh token. */
  const run = async (selection: string, on?: boolean, fragments = '') => {
    const value = token();
    const document = `query Case($signals: SignalsInput!${on === undefined ? '' : ', $on: Boolean!'}) {
      event(signals: $signals) { id ${selection} sources { vendor status } }
    } ${fragments}`;
    const response = await harness.query<EventAnswer>(document, { signals: signalsFor(value), on });
    expect(response.errors, document).toBeUndefined();
    const event = response.data?.event;
    if (!event) throw new Error(`no event for ${document}`);
    return { event, called: calledWith(value), document };
  };

  /** Queries one event with `field` under `condition` at `place`. */
  const query = (field: string, condition: Condition, place: Place) => {
    const { selection, fragments } = selectionOf(field, condition.directive, place);
    return run(selection, condition.on, fragments);
  };

  beforeAll(async () => {
    // Hundreds of fresh Fingerprint lookups: the client-side limit of the real API (5/s) would only slow this down.
    harness = await startHarness({ FINGERPRINT_RATE_LIMIT_RPS: '0' });
  });
  afterAll(() => harness.close());

  it.each(Object.keys(VENDOR_FIELDS))(
    '%s left out by a condition calls no vendor and reports all SKIPPED',
    async (field) => {
      for (const place of PLACES) {
        for (const condition of LEAVE_OUT) {
          const { event, called, document } = await query(field, condition, place);
          expect(called, document).toEqual([]);
          expect(event, document).not.toHaveProperty(field);
          expect(new Set(event.sources.map((source) => source.status)), document).toEqual(new Set(['SKIPPED']));
        }
      }
    },
  );

  it.each(Object.keys(VENDOR_FIELDS))(
    '%s kept by a condition calls the vendors it calls without one',
    async (field) => {
      const { called: expected } = await run(`${field} ${VENDOR_FIELDS[field]}`);
      expect(expected.length).toBeGreaterThan(0);
      for (const place of PLACES) {
        for (const condition of KEEP) {
          const { event, called, document } = await query(field, condition, place);
          expect(called, document).toEqual(expected);
          expect(event, document).toHaveProperty(field);
          const notSkipped = event.sources
            .filter((source) => source.status !== 'SKIPPED')
            .map((source) => source.vendor);
          expect(notSkipped, document).toEqual(expected);
        }
      }
    },
  );

  it('calls the vendors of a field kept next to one a condition leaves out, and only those', async () => {
    const { event, called } = await run('hitprobe @include(if: $on) { probeId } detectIp { score }', false);
    expect(called).toEqual(['DETECTIP']);
    expect(event.sources.find((source) => source.vendor === 'HITPROBE')?.status).toBe('SKIPPED');
  });

  it('applies conditions inside a vendor-backed field to the vendors it calls', async () => {
    const vpn = await run('ip { vpn }');
    const vpnAndAddress = await run('ip { vpn address }');
    // Only `address` needs Hitprobe: without it, the query must not call Hitprobe.
    expect(vpnAndAddress.called).toEqual([...vpn.called, 'HITPROBE']);
    expect((await run('ip { vpn address @skip(if: $on) }', true)).called).toEqual(vpn.called);
    expect((await run('ip { vpn address @skip(if: $on) }', false)).called).toEqual(vpnAndAddress.called);
    expect((await run('ip { vpn ... @include(if: $on) { address } }', false)).called).toEqual(vpn.called);
  });
});

describe('@skip and @include on Device selections', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.simulator.resetCalls());

  const reference = (visitor: string) => ({
    representations: [{ __typename: 'Device', id: `fingerprint:${visitor}` }],
  });
  const ENTITY = `query($representations: [_Any!]!, $on: Boolean!) {
    _entities(representations: $representations) { ... on Device { id platform @skip(if: $on) } }
  }`;

  it('answer a Device reference whose only other field is skipped from its key, without a search', async () => {
    const response = await harness.query(ENTITY, { ...reference('SkipVisitor00000000001'), on: true });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ _entities: [{ id: 'fingerprint:SkipVisitor00000000001' }] });
    expect(harness.simulator.calls('FINGERPRINT')).toBe(0);

    const kept = await harness.query(ENTITY, { ...reference('SkipVisitor00000000002'), on: false });
    expect(kept.errors).toBeUndefined();
    expect(harness.simulator.calls('FINGERPRINT')).toBe(1);
  });

  it('search a device whose history is left out as a device without history (served from that cache)', async () => {
    const id = 'fingerprint:SkipVisitor00000000003';
    const withHistoryLeftOut = await harness.query(
      `query($on: Boolean!) { device(id: "${id}") { platform recentEvents(first: 5) @include(if: $on) { id } } }`,
      { on: false },
    );
    expect(withHistoryLeftOut.errors).toBeUndefined();
    expect(harness.simulator.calls('FINGERPRINT')).toBe(1);
    const withoutHistory = await harness.query(`{ device(id: "${id}") { platform } }`);
    expect(withoutHistory.errors).toBeUndefined();
    expect(harness.simulator.calls('FINGERPRINT')).toBe(1);
  });
});
