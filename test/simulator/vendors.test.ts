import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_CREDENTIALS, type Simulator, startSimulator } from '../../src/simulator/index.ts';
import {
  at,
  detectIp,
  friendlyCaptcha,
  hitprobe,
  type Obj,
  obj,
  probeId,
  send,
  trustDecision,
  verdict,
} from './support.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});

const TD_LABELS = new Set([
  'abnormal_time',
  'emulator',
  'incognito_mode',
  'headless_mode',
  'abnormal_useragent',
  'debugger_detected',
  'hook_tool_detected',
  'device_info_tampered',
  'group_control',
  'no_sim',
  'abnormal_device_attr',
  'script_tempered',
  'virtual_machine',
  'local_debug',
  'adb_link',
  'repackaged',
  'proxy_detected',
  'root',
  'jail_break',
  'vpn_detected',
  'replay_attacks',
  'cookie_tempered',
  'crawler',
  'malicious_crx',
  'debug_tool',
  'app_multiple_running',
  'sys_multiple_running',
  'gps_fake',
  'risk_rom',
  // Undocumented, but in the vendor's own example.
  'abnormal_network_connection',
]);

describe('TrustDecision simulator', () => {
  it('answers DeviceInfo with the envelope, per-OS device_detail and documented labels', async () => {
    const oses = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const answer = await trustDecision(sim, { black_box: `bb${i}X1678775227I9NCwcuVJ` });
      expect(answer.status).toBe(200);
      const body = obj(answer);
      expect(body).toMatchObject({
        code: 200,
        message: 'success',
        sequence_id: expect.stringMatching(/^\d+$/),
        device_id: expect.stringMatching(
          /^[A-Za-z0-9]{8}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{12}$/,
        ),
        channel: expect.any(String),
        ip_location: {
          country: expect.any(String),
          country_id: expect.stringMatching(/^[A-Z]{2}$/),
          city: expect.any(String),
        },
        device_risk_tools: { installed_risk_tools_type: expect.any(Array), running_risk_tools_type: expect.any(Array) },
      });
      const score = Number(body['device_risk_score']);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(100);
      for (const label of body['device_risk_label'] as string[]) expect(TD_LABELS).toContain(label);
      const os = String(body['device_os']);
      oses.add(os);
      const detail = body['device_detail'] as Obj;
      if (os === 'Android')
        expect(detail).toMatchObject({
          android_id: expect.any(String),
          api_version: expect.any(String),
          brand: expect.any(String),
          vpn_ip: expect.any(String),
        });
      if (os === 'iOS')
        expect(detail).toMatchObject({ bundle_id: 'com.example.shop', model: expect.stringMatching(/^iPhone/) });
      if (os === 'Web')
        expect(detail).toMatchObject({
          browser_name: expect.any(String),
          user_agent: expect.any(String),
          canvas: expect.stringMatching(/^[0-9a-f]{32}$/),
        });
    }
    expect([...oses].sort()).toEqual(['Android', 'Web', 'iOS']);
  });

  it('is deterministic', async () => {
    const first = await trustDecision(sim, { black_box: 'same-black-box' });
    expect((await trustDecision(sim, { black_box: 'same-black-box' })).text).toBe(first.text);
  });

  it('resolves GPS to an address for black boxes ending in gps, as documented (JSON text); packages as text', async () => {
    const detail = at(obj(await trustDecision(sim, { black_box: 'cleanandroid-0001gps' })), 'device_detail') as Obj;
    expect(JSON.parse(String(detail['gps_location']))).toEqual({
      address: expect.stringContaining('Berlin'),
      city: 'Berlin',
      province: expect.any(String),
      township: expect.any(String),
    });
    expect(detail).toMatchObject({ latitude: expect.any(Number), longitude: expect.any(Number) });
    expect(JSON.parse(String(detail['installed_packages']))).toContainEqual({ package: 'com.example.shop', name: '-' });
    expect(detail['running_packages']).toBe('com.example.shop');
    const plain = at(obj(await trustDecision(sim, { black_box: 'cleanandroid-0001' })), 'device_detail') as Obj;
    expect(plain['gps_location']).toBe('');
  });

  it('reports errors as HTTP 200 with a body code', async () => {
    const badAuth = await trustDecision(sim, { black_box: 'x' }, { partnerCode: 'sim_partner', partnerKey: 'wrong' });
    expect([badAuth.status, at(badAuth.json(), 'code')]).toEqual([200, 401]);
    expect(obj(badAuth)).toEqual({ code: 401, message: expect.any(String), sequence_id: expect.any(String) });
    const missing = await trustDecision(sim, {});
    expect([missing.status, at(missing.json(), 'code')]).toEqual([200, 400]);
    const unknown = await trustDecision(sim, { black_box: 'expired-box-404' });
    expect([unknown.status, at(unknown.json(), 'code')]).toEqual([200, 404]);
  });
});

describe('Friendly Captcha simulator', () => {
  it('answers the documented envelope and counts retrieves in num_uses', async () => {
    const token = 'fc-token-uses';
    const first = obj(await friendlyCaptcha(sim, { token, sitekey: SIMULATOR_CREDENTIALS.friendlyCaptcha.sitekey }));
    expect(first).toMatchObject({
      success: true,
      data: { event_id: expect.stringMatching(/^ev_/), token: { num_uses: 1 }, risk_intelligence: expect.any(Object) },
    });
    const created = Date.parse(String(at(first, 'data', 'token', 'timestamp')));
    expect(Date.parse(String(at(first, 'data', 'token', 'expires_at'))) - created).toBe(15 * 60_000);
    expect(at(first, 'data', 'risk_intelligence', 'network', 'ip')).toEqual(expect.any(String));
    const second = obj(await friendlyCaptcha(sim, { token }));
    expect(at(second, 'data', 'token', 'num_uses')).toBe(2);
    expect(at(second, 'data', 'token', 'timestamp')).toBe(at(first, 'data', 'token', 'timestamp'));
    expect(at(second, 'data', 'risk_intelligence')).toEqual(at(first, 'data', 'risk_intelligence'));
  });

  it('sends full, module-off (null) and minimal (absent) risk intelligence across tokens', async () => {
    const shapes = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const ri = at(obj(await friendlyCaptcha(sim, { token: `fc-shape-${i}` })), 'data', 'risk_intelligence') as Obj;
      const network = ri['network'] as Obj;
      if (!('as' in network)) shapes.add('minimal');
      else if (
        Object.values(network).includes(null) ||
        ri['risk_scores'] === null ||
        Object.values(ri['client'] as Obj).includes(null)
      )
        shapes.add('modulesOff');
      else {
        shapes.add('full');
        expect(ri).toMatchObject({
          risk_scores: { overall: expect.any(Number), network: expect.any(Number), browser: expect.any(Number) },
          network: {
            as: {
              number: expect.any(Number),
              name: expect.any(String),
              rir: expect.stringMatching(/^(ARIN|RIPE|APNIC|LACNIC|AFRINIC)$/),
              type: expect.any(String),
            },
            geolocation: { country: { iso2: expect.any(String), iso3: expect.any(String) }, city: expect.any(String) },
            anonymization: {
              vpn_score: expect.any(Number),
              tor: expect.any(Boolean),
              icloud_private_relay: expect.any(Boolean),
            },
          },
          client: {
            header_user_agent: expect.any(String),
            browser: { id: expect.any(String), release_date: expect.any(String) },
            tls_signature: { ja4: expect.any(String) },
            automation: { automation_tool: { detected: expect.any(Boolean) }, known_bot: { detected: false } },
          },
        });
      }
    }
    expect([...shapes].sort()).toEqual(['full', 'minimal', 'modulesOff']);
  });

  it('follows the vendor error table', async () => {
    const missingKey = await friendlyCaptcha(sim, { token: 't' }, null);
    expect([missingKey.status, at(missingKey.json(), 'error', 'error_code')]).toEqual([401, 'auth_required']);
    const badKey = await friendlyCaptcha(sim, { token: 't' }, 'wrong');
    expect([badKey.status, at(badKey.json(), 'error', 'error_code')]).toEqual([401, 'auth_invalid']);
    const noToken = await friendlyCaptcha(sim, { sitekey: SIMULATOR_CREDENTIALS.friendlyCaptcha.sitekey });
    expect([noToken.status, at(noToken.json(), 'error', 'error_code')]).toEqual([400, 'token_missing']);
    const sitekey = await friendlyCaptcha(sim, { token: 't', sitekey: 'FCMOTHER' });
    expect([sitekey.status, at(sitekey.json(), 'error', 'error_code')]).toEqual([400, 'sitekey_invalid']);
    const invalid = await friendlyCaptcha(sim, { token: 'foreign-404' });
    expect([invalid.status, invalid.json()]).toEqual([
      200,
      { success: false, error: { error_code: 'token_invalid', detail: expect.any(String) } },
    ]);
    const expired = await friendlyCaptcha(sim, { token: 'old-token-exp' });
    expect([expired.status, at(expired.json(), 'error', 'error_code')]).toEqual([200, 'token_expired']);
  });

  it('reports a known bot, not automation, for tokens ending in knownbot; JA3 and the AS company always', async () => {
    const ri = at(obj(await friendlyCaptcha(sim, { token: 'cleanweb-0001knownbot' })), 'data', 'risk_intelligence');
    expect(at(ri, 'client', 'automation')).toEqual({
      automation_tool: { detected: false, id: '', name: '', type: '' },
      known_bot: { detected: true, id: 'GPTBot', name: 'GPTBot', type: 'ai_crawler', url: 'https://openai.com/gptbot' },
    });
    expect(at(ri, 'client', 'tls_signature', 'ja3')).toMatch(/^[0-9a-f]{32}$/);
    expect(at(ri, 'network', 'as')).toMatchObject({ company: expect.any(String), domain: expect.any(String) });
  });

  it('accepts form data', async () => {
    const form = new URLSearchParams({ token: 'fc-form-token' });
    const answer = await send(`${sim.baseUrl('FRIENDLY_CAPTCHA')}/api/v2/riskIntelligence/retrieve`, {
      method: 'POST',
      headers: { 'x-api-key': SIMULATOR_CREDENTIALS.friendlyCaptcha.apiKey },
      body: form,
    });
    expect(at(answer.json(), 'success')).toBe(true);
    const multipart = new FormData();
    multipart.set('token', 'fc-form-token');
    const second = await send(`${sim.baseUrl('FRIENDLY_CAPTCHA')}/api/v2/riskIntelligence/retrieve`, {
      method: 'POST',
      headers: { 'x-api-key': SIMULATOR_CREDENTIALS.friendlyCaptcha.apiKey },
      body: multipart,
    });
    expect(at(second.json(), 'data', 'token', 'num_uses')).toBe(2);
  });
});

describe('detectip.ai simulator', () => {
  it('answers verdicts whose band and action follow the score', async () => {
    const bands = new Set<string>();
    let withoutAction = 0;
    for (let i = 0; i < 80; i++) {
      const body = obj(await verdict(sim, `dip-${i}`));
      expect(body).toMatchObject({
        token: `dip-${i}`,
        hard_rule_hit: expect.any(String),
        network: { ja4: expect.stringMatching(/^t13d/) },
        ip: {
          datacenter: expect.any(Boolean),
          proxy: expect.any(Boolean),
          country: expect.stringMatching(/^[A-Z]{2}$/),
        },
      });
      const score = Number(body['score']);
      const band = String(body['band']);
      bands.add(band);
      expect(band).toBe(score < 30 ? 'human' : score < 60 ? 'suspicious' : score < 85 ? 'automated' : 'known-bot');
      for (const signal of body['signals'] as Obj[])
        expect(signal).toEqual({
          name: expect.any(String),
          layer: expect.any(String),
          llr: expect.any(Number),
          detail: expect.any(String),
        });
      if (!('action' in body)) withoutAction++;
      else if (body['hard_rule_hit'] !== '') expect(body['action']).toBe('block');
      else expect(body['action']).toBe(score < 30 ? 'allow' : score < 60 ? 'challenge' : 'block');
    }
    expect(bands).toContain('human');
    expect(bands.size).toBeGreaterThanOrEqual(3);
    expect(withoutAction).toBeGreaterThan(0);
  });

  it('rejects bad keys, unknown sessions, and reports usage', async () => {
    const before = obj(await detectIp(sim, '/usage'));
    expect(before).toEqual({
      tier: expect.any(String),
      used: expect.any(Number),
      limit: expect.any(Number),
      remaining: expect.any(Number),
    });
    await verdict(sim, 'usage-token');
    expect(at((await detectIp(sim, '/usage')).json(), 'used')).toBe(Number(before['used']) + 1);
    const badKey = await detectIp(sim, '/verdict?token=x', 'sk_live_wrong');
    expect([badKey.status, badKey.json()]).toEqual([401, { error: expect.any(String) }]);
    expect((await detectIp(sim, '/verdict?token=x', null)).status).toBe(401);
    const unknown = await verdict(sim, 'stale-cookie-404');
    expect([unknown.status, unknown.json()]).toEqual([404, { error: expect.any(String) }]);
  });
});

describe('Hitprobe simulator', () => {
  it('records every POST: probe_unique flips, seen counters grow, ip match follows the sent ip', async () => {
    const id = probeId('unique');
    const first = obj(await hitprobe(sim, { probe_id: id }));
    expect(first).toMatchObject({
      device: {
        success: true,
        valid: true,
        probe_id: id,
        probe_unique: true,
        probe_ip_match: null,
        device_id: expect.stringMatching(/^[A-Za-z0-9]{22}$/),
      },
      rules: expect.any(Array),
    });
    expect(at(first, 'device', 'probe_created_at')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);
    const ipv4 = at(first, 'device', 'ipv4');
    const ipv6 = at(first, 'device', 'ipv6');
    const own = String(ipv4 ?? ipv6);
    const second = obj(await hitprobe(sim, { probe_id: id, ip: own }));
    expect(at(second, 'device')).toMatchObject({ probe_unique: false, probe_suspect: true, probe_ip_match: true });
    expect(Number(at(second, 'device', 'seen_day'))).toBe(Number(at(first, 'device', 'seen_day')) + 1);
    expect((at(second, 'rules') as Obj[]).map((rule) => rule['id'])).toContain('suspect_probe');
    const third = obj(await hitprobe(sim, { probe_id: id, ip: '203.0.113.9', email: 'someone@example.com' }));
    expect(at(third, 'device', 'probe_ip_match')).toBe(false);
    expect(Number(at(third, 'device', 'unique_emails'))).toBe(Number(at(second, 'device', 'unique_emails')) + 1);
  });

  it('starts unique and clean for most probes, with rules from the documented vocabulary', async () => {
    let withRules = 0;
    for (let i = 0; i < 40; i++) {
      const body = obj(await hitprobe(sim, { probe_id: probeId(`p${i}-`) }));
      expect(at(body, 'device', 'probe_unique')).toBe(true);
      expect(at(body, 'device', 'ua')).toEqual(expect.any(String));
      const rules = body['rules'] as Obj[];
      if (rules.length > 0) withRules++;
      for (const rule of rules) {
        expect(['smart', 'custom', 'allowlist']).toContain(rule['type']);
        expect(['allow', 'allow_review', 'block', 'block_review', 'review']).toContain(rule['action']);
      }
    }
    expect(withRules).toBeGreaterThan(0);
    expect(withRules).toBeLessThan(40);
  });

  it('fails the lookup (success: false, valid: null) for probe ids ending in fail, recording nothing', async () => {
    const id = 'cleanweb-000000001fail';
    for (let i = 0; i < 2; i++) {
      const answer = await hitprobe(sim, { probe_id: id });
      expect([answer.status, answer.json()]).toEqual([200, { device: { success: false, valid: null }, rules: [] }]);
    }
  });

  it('answers a good crawler (ua_crawler, never bot) for probe ids ending in crawl', async () => {
    const device = at(obj(await hitprobe(sim, { probe_id: 'cleanweb-00000001crawl' })), 'device') as Obj;
    expect(device).toMatchObject({
      success: true,
      valid: true,
      ua_crawler: true,
      bot: false,
      ua_browser_family: 'Googlebot',
    });
    expect(device['ua']).toContain('Googlebot');
  });

  it('answers the vendor’s messages for bad keys and input, and valid:false for unknown probes', async () => {
    const badKey = await hitprobe(sim, { probe_id: probeId('k') }, 'wrong');
    expect([badKey.status, badKey.json()]).toEqual([
      401,
      { message: 'A valid secret_key was not found. Did you send it in the Authorization header as a bearer token?' },
    ]);
    const tooLong = await hitprobe(sim, { probe_id: 'x'.repeat(51) });
    expect([tooLong.status, tooLong.json()]).toEqual([
      400,
      { message: '[probe_id] String should have at most 50 characters' },
    ]);
    const badIp = await hitprobe(sim, { probe_id: probeId('ip'), ip: 'not-an-ip' });
    expect(badIp.status).toBe(400);
    const unknown = await hitprobe(sim, { probe_id: 'abcdefghijklmnopqrs404' });
    expect([unknown.status, unknown.json()]).toEqual([200, { device: { success: true, valid: false }, rules: [] }]);
  });
});
