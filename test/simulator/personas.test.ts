import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateSignals } from '../../src/signals/validate.ts';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { NAMED_PERSONAS, namedPersonaOfToken, namedPersonaOfVisitor } from '../../src/simulator/named-personas.ts';
import { visitorIdFor } from '../../src/simulator/persona.ts';
import { Rng } from '../../src/simulator/random.ts';
import { codeSpans, markdownTable } from '../support/markdown.ts';
import { LAYOUT } from '../support/signals.ts';
import { personaSignals, VENDOR_COLUMNS } from './persona-signals.ts';

/** The simulator README's persona tables are its promise to tests and demos: checked here. */
const README = readFileSync(new URL('../../src/simulator/README.md', import.meta.url), 'utf8');
const WHO = markdownTable(README, ['persona', 'example token', 'device', 'IP', 'who']);
const SAYS = markdownTable(README, ['persona', ...VENDOR_COLUMNS]);

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});

/** A fresh 22-character token of the persona (a valid Hitprobe probe id too). */
const tokenOf = (name: string, suffix: string) => `${name}-${suffix.padStart(21 - name.length, '0')}`;

describe('named personas', () => {
  it('are all listed in both README tables, in the order of data/personas.json', () => {
    const names = NAMED_PERSONAS.map((persona) => persona.name);
    expect(WHO.map((row) => row['persona'])).toEqual(names);
    expect(SAYS.map((row) => row['persona'])).toEqual(names);
  });

  it('have example tokens that name them and pass every vendor’s input validation', () => {
    for (const row of WHO) {
      const [token = ''] = codeSpans(row['example token'] ?? '');
      expect(namedPersonaOfToken(token)?.name, token).toBe(row['persona']);
      const signals = {
        fingerprintEventId: token,
        trustDecisionBlackBox: token,
        friendlyCaptchaToken: token,
        detectIpToken: token,
        hitprobeProbeId: token,
      };
      expect(validateSignals(signals, 'signals', LAYOUT), token).toEqual({ ok: true, signals });
    }
  });

  for (const row of WHO) {
    const name = row['persona'] ?? '';
    const says = SAYS.find((candidate) => candidate['persona'] === name) ?? {};
    it(`${name}: every token gets the device, IP and vendor signals the README lists`, async () => {
      for (const suffix of ['1', 'b2', 'c-3']) {
        const token = tokenOf(name, suffix);
        const seen = await personaSignals(sim, token);
        expect(seen.device, token).toBe(row['device']);
        expect(seen.ip, token).toBe(row['IP']);
        for (const vendor of VENDOR_COLUMNS)
          expect([...seen.signals[vendor]].sort(), `${token} ${vendor}`).toEqual(codeSpans(says[vendor] ?? '').sort());
      }
    });
  }

  it('give each token its own device of the persona, except showcase, which is one visitor', () => {
    const tor = [visitorIdFor('tor-a'), visitorIdFor('tor-b')];
    expect(new Set(tor).size).toBe(2);
    for (const visitorId of tor) expect(visitorId).toMatch(/^tor[A-Za-z0-9]{17}$/);
    expect(visitorIdFor('showcase-a')).toBe('Ibk1527CUFmcnjLwIs4A9');
    expect(visitorIdFor('showcase-b')).toBe('Ibk1527CUFmcnjLwIs4A9');
  });

  it('leave other tokens to drawn personas, whose visitor ids never start with a persona name', () => {
    expect(namedPersonaOfToken('torrent-1')).toBeUndefined();
    expect(namedPersonaOfToken('TOR-1')).toBeUndefined();
    expect(namedPersonaOfToken('tor')).toBeUndefined();
    // This token's first draw would make it a VPN user's device; it draws again.
    expect(new Rng('visitor', 'drawn-79379').alnum(20)).toMatch(/^vpn/);
    expect(visitorIdFor('drawn-79379')).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(namedPersonaOfVisitor(visitorIdFor('drawn-79379'))).toBeUndefined();
  });
});
