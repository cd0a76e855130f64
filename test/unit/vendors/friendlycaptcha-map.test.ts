import { describe, expect, it } from 'vitest';
import { buildFriendlyCaptchaReport } from '../../../src/vendors/friendlycaptcha/map.ts';
import { type RetrieveData, retrieveSchema } from '../../../src/vendors/friendlycaptcha/schema.ts';
import { fixture } from '../../support/fixtures.ts';
import { patched } from '../../support/patch.ts';

const data = (body: unknown): RetrieveData => retrieveSchema.parse(body).data ?? {};
const report = (path: string) => buildFriendlyCaptchaReport(data(fixture(`friendlycaptcha/${path}`)));

/** The full example with parts of `data.risk_intelligence` (or of `data`, for paths starting with `data.`) replaced. */
function variant(patches: Record<string, unknown>) {
  const prefixed = Object.fromEntries(
    Object.entries(patches).map(([path, value]) => [
      path.startsWith('data.') ? path : `data.risk_intelligence.${path}`,
      value,
    ]),
  );
  return buildFriendlyCaptchaReport(data(patched(fixture('friendlycaptcha/full.json'), prefixed)));
}

const codes = (mapped: { labels: { code: string; vendorCode: string }[] }) =>
  mapped.labels.map((l) => `${l.code} ${l.vendorCode}`);

describe('Friendly Captcha mapping', () => {
  it('maps the seed envelope, whose risk_intelligence is empty', () => {
    const seed = report('seed-envelope.json');
    expect(seed.view).toMatchObject({
      eventId: 'ev_C52P4pm-xkZIHB5Y',
      tokenCreatedAt: '2026-03-05T11:22:51.922Z',
      tokenExpiresAt: '2026-03-05T11:37:51.922Z',
      tokenUses: 1,
      origin: null,
      riskScores: null,
      network: null,
      client: null,
    });
    expect(seed.action.time).toBe('2026-03-05T11:22:51.922Z');
    expect(seed.device).toBeUndefined();
    expect(seed.ip).toBeUndefined();
    expect(seed.bot).toBeUndefined();
    expect(seed.labels).toEqual([]);
    expect(seed.drift).toEqual([]);
  });

  it('maps the full documented example to facts, view and labels', () => {
    const full = report('full.json');
    expect(full.ip).toEqual({
      address: '203.0.113.54',
      version: 'V4',
      geolocation: {
        city: 'Amsterdam',
        subdivisions: [{ code: null, name: 'North Holland' }],
        country: { code: 'NL', name: 'Netherlands' },
        continent: null,
        latitude: null,
        longitude: null,
        accuracyRadiusKm: null,
        postalCode: null,
        timezone: null,
      },
      asn: { number: '14061', name: 'DIGITALOCEAN-ASN', network: '203.0.113.0/24', type: 'hosting' },
      datacenter: true,
      vpn: true,
      proxy: { result: true, type: null, confidence: 'HIGH', provider: null },
      tor: true,
      relay: true,
    });
    expect(full.device).toEqual({
      browserName: 'Chrome',
      browserVersion: '124.0.6367.60',
      os: 'Linux',
      osVersion: undefined,
      model: undefined,
      brand: undefined,
      userAgent: expect.stringContaining('HeadlessChrome'),
      timezone: 'Europe/Amsterdam',
    });
    expect(full.device?.id).toBeUndefined();
    expect(full.bot).toEqual({ detected: true, kind: 'AUTOMATION', name: 'Puppeteer', headless: true });
    expect(full.view).toMatchObject({
      tokenUses: 3,
      origin: 'https://shop.example.com',
      riskScores: { overall: 5, network: 4, browser: 2 },
      network: {
        asNumber: '14061',
        asCompany: 'DigitalOcean, LLC',
        asDomain: 'digitalocean.com',
        asDescription: 'DigitalOcean cloud',
        asCountry: 'US',
        asType: 'hosting',
        countryCode: 'NL',
        state: 'North Holland',
        vpnScore: 4,
        proxyScore: 5,
      },
      client: {
        browserId: 'chrome',
        deviceType: 'desktop',
        deviceBrand: null,
        ja3: 'cd08e31494f9531f560d64c695473da9',
        ja3n: '8e19337e7524d2573be54efb2b0784c9',
        ja4: 't13d1516h2_8daaf6152771_02713d6af862',
        timeZoneCountry: 'NL',
        browserReleaseDate: '2024-04-16',
        engineId: 'blink',
        osId: 'linux',
        automationToolId: 'puppeteer',
        automationToolType: 'browser_automation',
        knownBotId: 'GPTBot',
        automationDetected: true,
        automationToolName: 'Puppeteer',
        knownBotDetected: true,
        knownBotName: 'GPTBot',
        knownBotType: 'ai_crawler',
      },
    });
    expect(full.labels.map((l) => [l.code, l.vendorCode, l.severity])).toEqual([
      ['HIGH_RISK_SCORE', 'risk_scores.overall', 'HIGH'],
      ['VPN', 'network.anonymization.vpn_score', 'MEDIUM'],
      ['PROXY', 'network.anonymization.proxy_score', 'MEDIUM'],
      ['TOR', 'network.anonymization.tor', 'HIGH'],
      ['RELAY', 'network.anonymization.icloud_private_relay', 'LOW'],
      ['DATACENTER_IP', 'network.as.type:hosting', 'MEDIUM'],
      ['AUTOMATION', 'automation_tool:puppeteer', 'HIGH'],
      ['BOT', 'known_bot:ai_crawler', 'LOW'],
      ['HEADLESS', 'client.automation.headless', 'HIGH'],
      ['TOKEN_REUSED', 'token.num_uses', 'LOW'],
    ]);
    expect(full.labels.find((l) => l.code === 'TOKEN_REUSED')?.detail).toBe('token retrieved 3 times');
    expect(full.labels.map((l) => l.code)).not.toContain('REPLAYED');
    expect(full.labels.every((l) => l.source === 'FRIENDLY_CAPTCHA')).toBe(true);
    expect(full.drift).toEqual([]);
  });

  it('maps modules switched off (null) to null objects and unstated facts', () => {
    const mapped = report('null-modules.json');
    expect(mapped.view.riskScores).toBeNull();
    expect(mapped.view.network).toEqual({
      ip: '192.0.2.10',
      asNumber: null,
      asName: null,
      asCompany: null,
      asDomain: null,
      asDescription: null,
      asCountry: null,
      asType: null,
      countryCode: null,
      countryName: null,
      state: null,
      city: null,
      vpnScore: null,
      proxyScore: null,
      tor: null,
      icloudPrivateRelay: null,
    });
    expect(mapped.view.client).toMatchObject({
      userAgent: expect.stringContaining('Chrome/124'),
      browserName: null,
      automationDetected: null,
    });
    expect(mapped.ip).toEqual({
      address: '192.0.2.10',
      version: 'V4',
      geolocation: undefined,
      asn: undefined,
      datacenter: undefined,
      vpn: undefined,
      proxy: undefined,
      tor: undefined,
      relay: undefined,
    });
    expect(mapped.bot).toBeUndefined();
    expect(mapped.labels).toEqual([]);
  });

  it('maps modules left out (absent) exactly like modules switched off', () => {
    const absent = report('absent-modules.json');
    expect(absent.view.riskScores).toBeNull();
    expect(absent.view.network?.asNumber).toBeNull();
    expect(absent.view.client).toMatchObject({ userAgent: 'curl/8.5.0', browserName: null, timeZone: null });
    expect(absent.ip?.address).toBe('192.0.2.11');
    expect(absent.ip?.vpn).toBeUndefined();
    expect(absent.bot).toBeUndefined();
    expect(absent.labels).toEqual([]);
  });

  it.each([
    [0, undefined, undefined, []],
    [1, false, 'LOW', []],
    [3, false, 'LOW', []],
    [4, true, 'MEDIUM', ['VPN', 'PROXY']],
    [5, true, 'HIGH', ['VPN', 'PROXY']],
  ] as const)(
    'reads anonymization score %s: detected %s, proxy confidence %s',
    (score, detected, confidence, labelCodes) => {
      const mapped = variant({
        'network.anonymization': { vpn_score: score, proxy_score: score, tor: false, icloud_private_relay: false },
        'network.as': null,
        risk_scores: null,
        client: null,
      });
      expect(mapped.ip?.vpn).toBe(detected);
      expect(mapped.ip?.proxy?.result).toBe(detected);
      expect(mapped.ip?.proxy?.confidence).toBe(confidence);
      expect(mapped.labels.map((l) => l.code).filter((c) => c !== 'TOKEN_REUSED')).toEqual(labelCodes);
    },
  );

  it.each([
    [3, null],
    [4, 'MEDIUM'],
    [5, 'HIGH'],
  ] as const)('overall risk score %s → HIGH_RISK_SCORE severity %s', (overall, severity) => {
    const mapped = variant({ risk_scores: { overall, network: 0, browser: 0 } });
    const label = mapped.labels.find((l) => l.code === 'HIGH_RISK_SCORE');
    expect(label?.severity ?? null).toBe(severity);
  });

  it('takes the AS number from `number`, falling back to the docs example spelling `asn`', () => {
    const mapped = variant({ 'network.as': { asn: 3320, name: 'DTAG', route: '80.128.0.0/11', type: 'isp' } });
    expect(mapped.ip?.asn).toEqual({ number: '3320', name: 'DTAG', network: '80.128.0.0/11', type: 'isp' });
    expect(mapped.ip?.datacenter).toBe(false);
    expect(codes(mapped)).not.toContain('DATACENTER_IP network.as.type:hosting');
  });

  it('classifies a known bot without automation as a GOOD_BOT, and a single use is no replay', () => {
    const mapped = variant({
      'data.token.num_uses': 1,
      'client.automation': {
        automation_tool: { detected: false, id: '', name: '', type: '' },
        known_bot: { detected: true, id: 'GoogleBot', name: 'Googlebot', type: 'search_engine', url: '' },
      },
    });
    expect(mapped.bot).toEqual({ detected: false, kind: 'GOOD_BOT', name: 'Googlebot', headless: undefined });
    expect(codes(mapped)).toContain('BOT known_bot:search_engine');
    expect(codes(mapped)).not.toContain('AUTOMATION automation_tool:puppeteer');
    expect(mapped.labels.map((l) => l.code)).not.toContain('TOKEN_REUSED');
    expect(mapped.view.client?.automationToolName).toBeNull(); // "" means unknown
  });

  it('reads a score outside 0–5 as no score: no detection, no label, drift; the view keeps it', () => {
    const mapped = variant({
      risk_scores: { overall: 9, network: -1, browser: 2 },
      'network.anonymization': { vpn_score: 7, proxy_score: 6, tor: false, icloud_private_relay: false },
    });
    expect(mapped.ip?.vpn).toBeUndefined();
    expect(mapped.ip?.proxy).toBeUndefined();
    expect(mapped.labels.map((l) => l.code)).not.toEqual(expect.arrayContaining(['HIGH_RISK_SCORE']));
    expect(mapped.labels.map((l) => l.code)).not.toContain('VPN');
    expect(mapped.view.riskScores).toEqual({ overall: 9, network: -1, browser: 2 });
    expect(mapped.view.network?.vpnScore).toBe(7);
    expect(mapped.drift).toEqual([
      'enum:risk_scores.overall=9',
      'enum:risk_scores.network=-1',
      'enum:network.anonymization.vpn_score=7',
      'enum:network.anonymization.proxy_score=6',
    ]);
  });

  it('keeps undocumented browser, engine, device, OS and automation values verbatim, as drift', () => {
    const mapped = variant({
      'client.browser.id': 'arc_browser',
      'client.browser_engine.id': 'servo',
      'client.device.type': 'vehicle',
      'client.os.id': 'harmonyos',
      'client.automation.automation_tool.type': 'agentic_browser',
    });
    expect(mapped.view.client).toMatchObject({
      browserId: 'arc_browser',
      engineId: 'servo',
      deviceType: 'vehicle',
      osId: 'harmonyos',
      automationToolType: 'agentic_browser',
    });
    expect(mapped.drift).toEqual([
      'enum:client.browser.id=arc_browser',
      'enum:client.browser_engine.id=servo',
      'enum:client.device.type=vehicle',
      'enum:client.os.id=harmonyos',
      'enum:client.automation.automation_tool.type=agentic_browser',
    ]);
  });

  it('says HUMAN only when Friendly Captcha said no to both automation and known bots', () => {
    const bot = (automation: unknown) => variant({ 'client.automation': automation }).bot;
    const no = { detected: false, id: '', name: '', type: '' };
    expect(bot({ automation_tool: no, known_bot: { ...no, url: '' } })).toMatchObject({
      detected: false,
      kind: 'HUMAN',
    });
    expect(bot({ automation_tool: no })).toMatchObject({ detected: false, kind: undefined });
    expect(bot({ known_bot: { detected: true, id: 'GoogleBot', name: 'Googlebot', type: 'search_engine' } })).toEqual({
      detected: undefined,
      kind: 'GOOD_BOT',
      name: 'Googlebot',
      headless: undefined,
    });
    expect(bot({ automation_tool: { detected: 'yes' } })).toMatchObject({ detected: undefined, kind: undefined });
  });

  it('tolerates drift: unknown fields and values, wrong types, missing fields', () => {
    const mapped = variant({
      'network.as.type': 'satellite',
      'network.anonymization.vpn_score': 'high',
      'client.device': 'desktop',
      'client.automation.known_bot.type': 'ai_shopping_agent',
      brand_new_module: { anything: true },
    });
    // An AS type nobody documented is kept verbatim and says nothing about data centres, either way.
    expect(mapped.view.network?.asType).toBe('satellite');
    expect(mapped.ip?.asn?.type).toBe('satellite');
    expect(mapped.ip?.datacenter).toBeUndefined();
    expect(mapped.labels.map((l) => l.code)).not.toContain('DATACENTER_IP');
    expect(mapped.view.network?.vpnScore).toBeNull();
    expect(mapped.ip?.vpn).toBeUndefined();
    expect(mapped.view.client?.deviceType).toBeNull();
    expect(mapped.drift).toEqual([
      'enum:network.as.type=satellite',
      'enum:client.automation.known_bot.type=ai_shopping_agent',
    ]);

    const bare = buildFriendlyCaptchaReport({});
    expect(bare.view).toMatchObject({
      eventId: null,
      tokenCreatedAt: null,
      tokenUses: null,
      riskScores: null,
      network: null,
      client: null,
    });
    expect(bare.action.time).toBeUndefined();
  });
});
