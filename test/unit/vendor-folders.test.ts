import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VENDOR_REGISTRY } from '../../src/vendors/registry.ts';

/**
 * A vendor is one folder, `src/vendors/<name>/`: elsewhere, code names it only in the registry, the
 * cross-vendor merge rules, generated code and the simulator (a development tool that imitates
 * every vendor). Comment lines aside; every spelling counts as a whole word, case included (its
 * name, display name, variable prefix, view field and type, signal fields, device id prefix), so
 * "a device fingerprint" is prose while `'FINGERPRINT'`, `fingerprintEventId` or
 * `../vendors/fingerprint/` name the vendor.
 */

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

const ALLOWED = [/^vendors\/registry\.ts$/, /^model\/merge-rules\.ts$/, /^generated\//, /^simulator\//];

const COMMENT_LINE = /^\s*(\/\/|\/\*|\*)/;

/** The folder of a vendor: its name in lower case, letters and digits only (`FRIENDLY_CAPTCHA` → `friendlycaptcha`). */
const folderOf = (name: string) => `vendors/${name.toLowerCase().replace(/[^a-z0-9]/g, '')}/`;

/** A spelling as a whole word: no letter or digit right before or after it. */
const wholeWord = (spelling: string) =>
  new RegExp(`(?<![A-Za-z0-9])${spelling.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`);

function typescriptFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return typescriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const VENDORS = VENDOR_REGISTRY.descriptors.map((vendor) => ({
  name: vendor.name,
  folder: folderOf(vendor.name),
  spellings: [
    vendor.name,
    vendor.displayName,
    vendor.envPrefix,
    vendor.view.field,
    vendor.view.type,
    ...vendor.signals.map((signal) => signal.field),
    ...(vendor.devices ? [vendor.devices.prefix] : []),
  ].map(wholeWord),
}));

/** Where a line of a file names a vendor outside that vendor's folder. */
function offences(file: string, source: string): string[] {
  if (ALLOWED.some((allowed) => allowed.test(file))) return [];
  return source.split('\n').flatMap((line, index) => {
    if (COMMENT_LINE.test(line)) return [];
    return VENDORS.filter(
      (vendor) => !file.startsWith(vendor.folder) && vendor.spellings.some((spelling) => spelling.test(line)),
    ).map((vendor) => `src/${file}:${index + 1} names ${vendor.name}: ${line.trim()}`);
  });
}

describe('a vendor is one folder', () => {
  it('each shipped vendor lives in src/vendors/<name>/', () => {
    const folders = readdirSync(join(SRC, 'vendors'), { withFileTypes: true }).map((entry) => `vendors/${entry.name}/`);
    for (const vendor of VENDORS) expect(folders, vendor.name).toContain(vendor.folder);
  });

  it('is named outside its folder only by the registry, the merge rules, generated code and the simulator', () => {
    const found = typescriptFiles(SRC).flatMap((path) => offences(relative(SRC, path), readFileSync(path, 'utf8')));
    expect(found).toEqual([]);
  });

  it('flags a vendor named in another folder, and ignores comment lines', () => {
    expect(offences('sources/request-sources.ts', '  HITPROBE: (s) => s.hitprobeProbeId,')).toHaveLength(1);
    expect(offences('vendors/fingerprint/client.ts', "const DETECTIP = 'detectIpToken';")).toHaveLength(1);
    expect(offences('vendors/hitprobe/client.ts', '    return signals.hitprobeProbeId;')).toEqual([]);
    expect(offences('config/config.ts', ' * per vendor (Hitprobe: only if never sent)')).toEqual([]);
    expect(
      offences('vendors/trustdecision/labels.ts', "  detail: 'the device fingerprinting cookie was altered',"),
    ).toEqual([]);
    expect(offences('graphql/pii.ts', "  { type: 'FingerprintEvent', field: 'ipAddress' },")).toHaveLength(1);
  });
});
