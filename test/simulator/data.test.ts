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

/** `load` fails with a SimulatorDataError whose message has every one of `parts`. */
function expectRefusal(load: () => unknown, ...parts: (string | RegExp)[]): void {
  expect(load).toThrow(SimulatorDataError);
  for (const part of parts) expect(load).toThrow(part);
}

describe('simulator data files', () => {
  it('load as shipped', () => {
    expect(Object.keys(loadWorld().places).length).toBeGreaterThan(0);
    expect(Object.keys(loadDevices().webClients).length).toBeGreaterThan(0);
    expect(loadNamedPersonas().length).toBeGreaterThan(0);
  });

  it('refuses a missing file and one that is not JSON, naming the file', () => {
    const absent = pathToFileURL(join(directory, 'absent.json'));
    expectRefusal(() => loadWorld(absent), /^cannot read simulator data .*absent\.json: /);
    const truncated = scratch('truncated.json', '{"continents": {');
    expectRefusal(() => loadWorld(truncated), /^simulator data .*truncated\.json is not valid JSON: /);
  });

  it('lists every field of the wrong shape by its path in the file', () => {
    const world = broken('world.json', (data) => {
      at(data, 'places', 'berlin')['latitude'] = 'north';
      at(data, 'countries', 'DE')['rir'] = 'NORTHNIC';
      at(data, 'networks', 'dtag')['asn'] = -1;
      delete at(data, 'places', 'paris')['timezone'];
    });
    expectRefusal(
      () => loadWorld(world),
      /^simulator data .*broken-world\.json is invalid:\n/,
      '  places.berlin.latitude: ',
      '  countries.DE.rir: ',
      '  networks.dtag.asn: ',
      '  places.paris.timezone: ',
    );
  });

  it('refuses a name that refers to no entry, where it is written', () => {
    const world = broken('world.json', (data) => {
      at(data, 'places', 'london')['isps'] = ['bt', 'no-such-isp'];
    });
    expectRefusal(() => loadWorld(world), '  places.london.isps[1]: unknown name "no-such-isp" (known: dtag, ');
    const devices = broken('devices.json', (data) => {
      at(data, 'webClients', 'safari-mac')['screens'] = 'retina';
    });
    expectRefusal(() => loadDevices(devices), '  webClients.safari-mac.screens: unknown name "retina"');
    const personas = broken('personas.json', (data) => {
      at(data, 'tor', 'session', 'connection')['network'] = 'onion';
    });
    expectRefusal(() => loadNamedPersonas(personas), '  tor.session.connection.network: unknown name "onion"');
  });

  it('refuses personas that contradict themselves or whose names would overlap', () => {
    const contradictions = broken('personas.json', (data) => {
      at(data, 'cleanios', 'device')['phone'] = 'pixel-8';
      at(data, 'cleanweb', 'device')['tier'] = 'high';
    });
    expectRefusal(
      () => loadNamedPersonas(contradictions),
      "  cleanios.device.phone: the phone does not run the persona's platform",
      '  cleanweb.device.highRisk: highRisk is required for tier "high", and only for it',
    );
    const overlapping = broken('personas.json', (data) => {
      data['torbrowser'] = data['tor'];
    });
    expectRefusal(() => loadNamedPersonas(overlapping), 'no persona name may start with another one');
  });
});
