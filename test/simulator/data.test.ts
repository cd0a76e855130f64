import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SimulatorDataError } from '../../src/simulator/data.ts';
import { parseDevices } from '../../src/simulator/devices.ts';
import { parseNamedPersonas } from '../../src/simulator/named-personas.ts';
import { parseWorld } from '../../src/simulator/places.ts';

/** The simulator's data files are validated when it loads: a broken one is refused, loudly. */

type Json = Record<string, unknown>;

/** The content of a data file as shipped. */
const shipped = (file: string): Json =>
  JSON.parse(readFileSync(new URL(`../../src/simulator/data/${file}`, import.meta.url), 'utf8')) as Json;

/** The content of a data file with one change made to it. */
function broken(file: string, change: (data: Json) => void): Json {
  const data = shipped(file);
  change(data);
  return data;
}

const at = (data: Json, ...path: string[]): Json => path.reduce<Json>((value, key) => value[key] as Json, data);

/** `parse` fails with a SimulatorDataError whose message has every one of `parts`. */
function expectRefusal(parse: () => unknown, ...parts: (string | RegExp)[]): void {
  expect(parse).toThrow(SimulatorDataError);
  for (const part of parts) expect(parse).toThrow(part);
}

describe('simulator data files', () => {
  it('are valid as shipped', () => {
    expect(Object.keys(parseWorld(shipped('world.json')).places).length).toBeGreaterThan(0);
    expect(Object.keys(parseDevices(shipped('devices.json')).webClients).length).toBeGreaterThan(0);
    expect(parseNamedPersonas(shipped('personas.json')).length).toBeGreaterThan(0);
  });

  it('lists every field of the wrong shape by its path in the file', () => {
    const world = broken('world.json', (data) => {
      at(data, 'places', 'berlin')['latitude'] = 'north';
      at(data, 'countries', 'DE')['rir'] = 'NORTHNIC';
      at(data, 'networks', 'dtag')['asn'] = -1;
      delete at(data, 'places', 'paris')['timezone'];
    });
    expectRefusal(
      () => parseWorld(world),
      /^invalid simulator data in data\/world\.json:\n/,
      '  places.berlin.latitude: ',
      '  countries.DE.rir: ',
      '  networks.dtag.asn: ',
      '  places.paris.timezone: ',
    );
    expectRefusal(() => parseWorld([]), 'invalid simulator data in data/world.json:\n  (top level): ');
  });

  it('refuses a name that refers to no entry, where it is written', () => {
    const world = broken('world.json', (data) => {
      at(data, 'places', 'london')['isps'] = ['bt', 'no-such-isp'];
    });
    expectRefusal(() => parseWorld(world), '  places.london.isps[1]: unknown name "no-such-isp" (known: dtag, ');
    const devices = broken('devices.json', (data) => {
      at(data, 'webClients', 'safari-mac')['screens'] = 'retina';
    });
    expectRefusal(() => parseDevices(devices), '  webClients.safari-mac.screens: unknown name "retina"');
    const personas = broken('personas.json', (data) => {
      at(data, 'tor', 'session', 'connection')['network'] = 'onion';
    });
    expectRefusal(() => parseNamedPersonas(personas), '  tor.session.connection.network: unknown name "onion"');
  });

  it('refuses personas that contradict themselves or whose names would overlap', () => {
    const contradictions = broken('personas.json', (data) => {
      at(data, 'cleanios', 'device')['phone'] = 'pixel-8';
      at(data, 'cleanweb', 'device')['tier'] = 'high';
    });
    expectRefusal(
      () => parseNamedPersonas(contradictions),
      "  cleanios.device.phone: the phone does not run the persona's platform",
      '  cleanweb.device.highRisk: highRisk is required for tier "high", and only for it',
    );
    const overlapping = broken('personas.json', (data) => {
      data['torbrowser'] = data['tor'];
    });
    expectRefusal(() => parseNamedPersonas(overlapping), 'no persona name may start with another one');
  });
});
