import { STANDARD_TUNING } from '../../config/tuning.ts';
import { httpUrl, optionalText, readVariables, variableDocs } from '../../config/variables.ts';
import type { VendorDescriptor } from '../descriptor.ts';
import { HitprobeClient } from './client.ts';
import { DOCUMENTED_FIELDS } from './fields.ts';
import { HITPROBE_DEVICE_PREFIX } from './map.ts';

const VARIABLES = {
  HITPROBE_SECRET_KEY: {
    schema: optionalText,
    doc: { default: '(unset) — secret, never logged', description: 'Hitprobe site secret key', secret: true },
  },
  HITPROBE_API_URL: {
    schema: httpUrl('https://app.hitprobe.com'),
    doc: { default: '`https://app.hitprobe.com`', description: 'Hitprobe API base', secret: false },
  },
};

/**
 * Hitprobe event API (https://docs.hitprobe.com/reference/device/): the device behind a probe id.
 * Every call records an event at Hitprobe, so a probe's result is kept for its whole life (a day)
 * and the call gets a longer timeout rather than a retry.
 */
export const hitprobe: VendorDescriptor<'HITPROBE'> = {
  name: 'HITPROBE',
  displayName: 'Hitprobe',
  documentation: 'https://docs.hitprobe.com/reference/device/',
  envPrefix: 'HITPROBE',
  variables: variableDocs(VARIABLES),
  tuning: { ...STANDARD_TUNING, timeoutMs: 2000, cacheTtlSeconds: 86_400 },
  signals: [
    {
      field: 'hitprobeProbeId',
      eventIdSlot: 5,
      maxLength: 22,
      pattern: /^[A-Za-z0-9_-]{22}$/,
      expected: 'a Hitprobe probe id (exactly 22 letters, digits, "_" or "-")',
    },
  ],
  devices: { prefix: HITPROBE_DEVICE_PREFIX, idName: 'deviceId', searchable: false },
  view: {
    field: 'hitprobe',
    type: 'HitprobeDevice',
    personalData: [
      { type: 'HitprobeDevice', field: 'ipv4', kind: 'ipAddress' },
      { type: 'HitprobeDevice', field: 'ipv6', kind: 'ipAddress' },
      { type: 'HitprobeDevice', field: 'userAgent', kind: 'userAgent' },
      // What the browser reports about itself (navigator values), verbatim.
      ...['platform', 'vendor', 'memory', 'hardwareConcurrency', 'language', 'screenResolution', 'timezone'].map(
        (field) => ({ type: 'HitprobeDevice', field, kind: 'deviceAttribute' }) as const,
      ),
    ],
  },
  schema: new URL('../../../schema/vendors/hitprobe.graphql', import.meta.url),
  fields: DOCUMENTED_FIELDS,
  configure(environment) {
    const settings = readVariables(environment, VARIABLES);
    return {
      settings,
      hasCredentials: Boolean(settings.HITPROBE_SECRET_KEY),
      connect: (setup) =>
        new HitprobeClient({
          ...setup,
          apiUrl: settings.HITPROBE_API_URL,
          secretKey: settings.HITPROBE_SECRET_KEY ?? '',
        }),
    };
  },
};
