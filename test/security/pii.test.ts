import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPiiMode, personalDataFields } from '../../src/graphql/execution/pii-fields.ts';
import { createResolvers } from '../../src/graphql/execution/resolvers/index.ts';
import { buildSchema } from '../../src/graphql/schema.ts';
import { maskIp, maskIpsInText, scrubJson } from '../../src/privacy/pii.ts';
import { VENDOR_REGISTRY } from '../../src/vendors/registry.ts';
import { ipAddressesIn } from '../support/canary.ts';
import { fixture } from '../support/fixtures.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { postJson } from './support.ts';

describe('maskIp', () => {
  it('keeps the /24 of IPv4 and the /48 of IPv6, in CIDR notation', () => {
    expect(maskIp('61.127.217.15')).toBe('61.127.217.0/24');
    expect(maskIp(' 10.0.0.255 ')).toBe('10.0.0.0/24');
    expect(maskIp('2001:0db8:85a3:0000:0000:8a2e:0370:7334')).toBe('2001:db8:85a3::/48');
    expect(maskIp('2001:db8::1')).toBe('2001:db8:0::/48');
    expect(maskIp('::1')).toBe('0:0:0::/48');
    expect(maskIp('fe80::1%eth0')).toBe('fe80:0:0::/48');
    expect(maskIp('::ffff:61.127.217.15')).toBe('61.127.217.0/24');
    expect(maskIp('64:ff9b::61.127.217.15')).toBe('64:ff9b:0::/48');
  });

  it('turns anything that is not an address into null', () => {
    for (const value of ['', 'localhost', '1.2.3', '61.127.217.15/32', 42, null, { ip: '1.2.3.4' }]) {
      expect(maskIp(value)).toBeNull();
    }
  });

  it('masks addresses inside free text', () => {
    expect(maskIpsInText('blocked 61.127.217.15 via 10.0.0.1')).toBe('blocked 61.127.217.0/24 via 10.0.0.0/24');
    expect(maskIpsInText('version 1.2.3.400 stays')).toBe('version 1.2.3.400 stays');
    expect(maskIpsInText('2001:db8::1')).toBe('2001:db8:0::/48');
  });
});

describe('scrubJson on a TrustDecision payload (GPS address, Wi-Fi ids, five IPs)', () => {
  const payload = fixture('trustdecision/seed-android.json');

  it('coarse: rounds coordinates and drops postal codes, street addresses, GPS locations and Wi-Fi ids', () => {
    const text = JSON.stringify(scrubJson(payload, 'coarse'));
    expect(text).not.toMatch(/"(gps_location|ssid|bssid|address|postal_code|township)"/);
    for (const match of text.matchAll(/"(?:latitude|longitude|lat|lng)":(-?[\d.]+)/g)) {
      expect(match[1]?.split('.')[1]?.length ?? 0).toBeLessThanOrEqual(1);
    }
    expect(text).toContain('"city"');
  });

  it('none: leaves no coordinates, places or IP addresses', () => {
    const scrubbed = scrubJson(payload, 'none');
    const text = JSON.stringify(scrubbed);
    expect(text).not.toMatch(/"(latitude|longitude|city|region|province|gps_location|address)"/);
    expect(ipAddressesIn(withoutNetworks(text))).toEqual([]);
    expect(JSON.stringify(payload)).toMatch(/\d+\.\d+\.\d+\.\d+/);
  });

  it('survives pathological nesting', () => {
    let deep: unknown = { ip: '1.2.3.4' };
    for (let level = 0; level < 10_000; level += 1) deep = [deep];
    expect(() => scrubJson(deep, 'none')).not.toThrow();
  });
});

describe('the PII_MODE field table', () => {
  it('names fields the schema has, so a rename cannot silently unprotect one', () => {
    const resolvers = createResolvers({ maxEventsPerQuery: 100 }, VENDOR_REGISTRY);
    expect(() => applyPiiMode(buildSchema(resolvers), 'coarse', VENDOR_REGISTRY)).not.toThrow();
    expect(() => applyPiiMode(buildSchema(resolvers), 'none', VENDOR_REGISTRY)).not.toThrow();
    expect(personalDataFields(VENDOR_REGISTRY).length).toBeGreaterThan(15);
  });
});

/** Removes CIDR networks (`61.127.217.0/24`, `2001:db8:1::/48`, AS networks) so only addresses remain. */
function withoutNetworks(text: string): string {
  return text.replace(/[0-9A-Fa-f:.]+\/\d{1,3}/g, '');
}

const LOCATION_QUERY = `query($s: [SignalsInput!]!) { events(signals: $s) {
  ip { address geolocation { city subdivisions { code name } latitude longitude accuracyRadiusKm postalCode country { code } } }
  fingerprint { ipAddress raw }
  trustDecision { ipLocation { city region country } detail { ip } raw }
  friendlyCaptcha { network { ip city state countryCode } raw }
  detectIp { ipCountry signals { detail } raw }
  hitprobe { ipv4 ipv6 rules { name } raw }
  riskLabels { detail }
} }`;

function signals(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    fingerprintEventId: index === 0 ? '1708102555327.NLOjmg' : `17000000${String(index).padStart(5, '0')}.pii${index}`,
    trustDecisionBlackBox: `rGPGX16787752${String(index).padStart(3, '0')}NCwcuVJCb`,
    friendlyCaptchaToken: `frc-pii-token-${index}`,
    detectIpToken: `botd-pii-token-${index}`,
    hitprobeProbeId: `piiProbe${String(index).padStart(14, '0')}`,
  }));
}

interface Located {
  events: {
    ip: { address: string | null; geolocation: Record<string, unknown> | null } | null;
  }[];
}

describe('PII_MODE end to end', () => {
  const harnesses: Record<string, Harness> = {};
  beforeAll(async () => {
    for (const mode of ['full', 'coarse', 'none']) {
      harnesses[mode] = await startHarness({ PII_MODE: mode, FINGERPRINT_RATE_LIMIT_RPS: '0' });
    }
  });
  afterAll(async () => {
    for (const harness of Object.values(harnesses)) await harness.close();
  });

  const ask = async (mode: string) => {
    const harness = harnesses[mode];
    if (!harness) throw new Error(mode);
    const response = await postJson(harness.app.url, { query: LOCATION_QUERY, variables: { s: signals(30) } });
    const body = response.json();
    expect(body.errors).toBeUndefined();
    return { text: response.text, data: body.data as Located };
  };

  it('full: the vendors’ precision', async () => {
    const { data } = await ask('full');
    expect(data.events[0]?.ip).toMatchObject({
      address: '61.127.217.15',
      geolocation: { city: 'Dusseldorf', latitude: expect.any(Number), postalCode: expect.any(String) },
    });
  });

  it('coarse: coordinates to 1 decimal, no postal code, radius at least 25 km, cities kept', async () => {
    const { data, text } = await ask('coarse');
    const geolocations = data.events
      .map((event) => event.ip?.geolocation)
      .filter((geo) => geo !== null && geo !== undefined);
    expect(geolocations.length).toBeGreaterThan(20);
    for (const geo of geolocations) {
      for (const coordinate of [geo['latitude'], geo['longitude']]) {
        if (coordinate !== null) expect(Math.round((coordinate as number) * 10) / 10).toBe(coordinate);
      }
      expect(geo['postalCode']).toBeNull();
      if (geo['latitude'] !== null) expect(geo['accuracyRadiusKm']).toBeGreaterThanOrEqual(25);
    }
    expect(data.events[0]?.ip?.geolocation?.['city']).toBe('Dusseldorf');
    expect(data.events[0]?.ip?.address).toBe('61.127.217.15');
    expect(text).not.toMatch(/"(postal_code|postalCode|zip|gps_location)":"/);
  });

  it('none: no coordinates, cities, postal codes or subdivisions, and no IP address anywhere', async () => {
    const { data, text } = await ask('none');
    for (const event of data.events) {
      expect(event.ip?.geolocation).toMatchObject({
        city: null,
        subdivisions: null,
        latitude: null,
        longitude: null,
        accuracyRadiusKm: null,
        postalCode: null,
      });
    }
    expect(data.events[0]?.ip?.address).toBe('61.127.217.0/24');
    expect(data.events[0]?.ip?.geolocation?.['country']).toEqual({ code: 'DE' });
    expect(ipAddressesIn(withoutNetworks(text))).toEqual([]);
    expect(text).not.toMatch(/"(latitude|longitude|city|postal_code|postalCode|region|state)":\s*("[^"]|-?\d)/);
  });
});
