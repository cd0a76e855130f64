import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SimulatorDataError } from '../../src/simulator/data.ts';
import { loadDevices } from '../../src/simulator/devices.ts';
import { loadNamedPersonas } from '../../src/simulator/named-personas.ts';
import { loadWorld } from '../../src/simulator/places.ts';

/** The simulator's data files are validated when it loads: a broken one is refused, loudly. */

const directory = mkdtempSync(join(tmpdir(), 'simulator-data-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

type Json = Record<string, unknown>;
const original = (file: string): Json =>
  JSON.parse(readFileSync(new URL(`../../src/simulator/data/${file}`, import.meta.url), 'utf8')) as Json;

/** Writes `text` to a scratch file and returns its URL. */
function scratch(name: string, text: string): URL {
  const path = join(directory, name);
  writeFileSync(path, text);
  return pathToFileURL(path);
}

/** A copy of a data file with one change made to it. */
function broken(file: string, change: (data: Json) => void): URL {
  const data = original(file);
  change(data);
  return scratch(`broken-${file}`, JSON.stringify(data));
}

const at = (data: Json, ...path: string[]): Json => path.reduce<Json>((value, key) => value[key] as Json, data);

function refusal(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(SimulatorDataError);
    return (error as Error).message;
  }
  throw new Error('the data was accepted');
}

describe('simulator data files', () => {
  it('load as shipped', () => {
    expect(Object.keys(loadWorld().places).length).toBeGreaterThan(0);
    expect(Object.keys(loadDevices().webClients).length).toBeGreaterThan(0);
    expect(loadNamedPersonas().length).toBeGreaterThan(0);
  });

  it('refuses a missing file and one that is not JSON, naming the file', () => {
    expect(refusal(() => loadWorld(pathToFileURL(join(directory, 'absent.json'))))).toMatch(
      /^cannot read simulator data .*absent\.json: /,
    );
    expect(refusal(() => loadWorld(scratch('truncated.json', '{"continents": {')))).toMatch(
      /^simulator data .*truncated\.json is not valid JSON: /,
    );
  });

  it('lists every field of the wrong shape by its path in the file', () => {
    const message = refusal(() =>
      loadWorld(
        broken('world.json', (world) => {
          at(world, 'places', 'berlin')['latitude'] = 'north';
          at(world, 'countries', 'DE')['rir'] = 'NORTHNIC';
          at(world, 'networks', 'dtag')['asn'] = -1;
          delete at(world, 'places', 'paris')['timezone'];
        }),
      ),
    );
    expect(message).toMatch(/^simulator data .*broken-world\.json is invalid:\n/);
    expect(message).toContain('  places.berlin.latitude: ');
    expect(message).toContain('  countries.DE.rir: ');
    expect(message).toContain('  networks.dtag.asn: ');
    expect(message).toContain('  places.paris.timezone: ');
  });

  it('refuses a name that refers to no entry, where it is written', () => {
    const world = refusal(() =>
      loadWorld(
        broken('world.json', (data) => {
          at(data, 'places', 'london')['isps'] = ['bt', 'no-such-isp'];
        }),
      ),
    );
    expect(world).toContain('  places.london.isps[1]: unknown name "no-such-isp" (known: dtag, ');
    const devices = refusal(() =>
      loadDevices(
        broken('devices.json', (data) => {
          at(data, 'webClients', 'safari-mac')['screens'] = 'retina';
        }),
      ),
    );
    expect(devices).toContain('  webClients.safari-mac.screens: unknown name "retina"');
    const personas = refusal(() =>
      loadNamedPersonas(
        broken('personas.json', (data) => {
          at(data, 'tor', 'session', 'connection')['network'] = 'onion';
        }),
      ),
    );
    expect(personas).toContain('  tor.session.connection.network: unknown name "onion"');
  });

  it('refuses personas that contradict themselves or whose names would overlap', () => {
    const message = refusal(() =>
      loadNamedPersonas(
        broken('personas.json', (data) => {
          at(data, 'cleanios', 'device')['phone'] = 'pixel-8';
          at(data, 'cleanweb', 'device')['tier'] = 'high';
        }),
      ),
    );
    expect(message).toContain("  cleanios.device.phone: the phone does not run the persona's platform");
    expect(message).toContain('  cleanweb.device.highRisk: highRisk is required for tier "high", and only for it');
    expect(
      refusal(() => loadNamedPersonas(broken('personas.json', (data) => (data['torbrowser'] = data['tor'])))),
    ).toContain('no persona name may start with another one');
  });
});
