import { STANDARD_TUNING } from '../../config/tuning.ts';
import { httpUrl, optionalText, readVariables, variableDocs } from '../../config/variables.ts';
import type { VendorDescriptor } from '../descriptor.ts';
import { PRINTABLE_TOKEN } from '../signal-formats.ts';
import { DetectIpClient } from './client.ts';
import { DOCUMENTED_FIELDS } from './fields.ts';

const VARIABLES = {
  DETECTIP_API_KEY: {
    schema: optionalText,
    doc: { default: '(unset) — secret, never logged', description: 'detectip.ai secret key', secret: true },
  },
  DETECTIP_API_URL: {
    schema: httpUrl('https://detectip.ai'),
    doc: { default: '`https://detectip.ai`', description: 'detectip.ai API base', secret: false },
  },
};

/**
 * detectip.ai verdict API (https://detectip.ai/docs): its bot verdict for the session its
 * collector saw. Verdicts evolve as the session gathers signals, so they are cached 30 s only.
 */
export const detectIp: VendorDescriptor<'DETECTIP'> = {
  name: 'DETECTIP',
  displayName: 'detectip.ai',
  documentation: 'https://detectip.ai/docs',
  envPrefix: 'DETECTIP',
  variables: variableDocs(VARIABLES),
  tuning: { ...STANDARD_TUNING, maxRetries: 2, cacheTtlSeconds: 30 },
  signals: [
    {
      field: 'detectIpToken',
      eventIdSlot: 4,
      maxLength: 1_024,
      pattern: PRINTABLE_TOKEN,
      expected: 'a detectip.ai session token (printable characters without spaces; at most 1,024)',
    },
  ],
  view: {
    field: 'detectIp',
    type: 'DetectIpVerdict',
    personalData: [{ type: 'DetectIpSignal', field: 'detail', kind: 'freeText' }],
  },
  schema: new URL('../../../schema/vendors/detectip.graphql', import.meta.url),
  fields: DOCUMENTED_FIELDS,
  configure(environment) {
    const settings = readVariables(environment, VARIABLES);
    return {
      settings,
      hasCredentials: Boolean(settings.DETECTIP_API_KEY),
      connect: (setup) =>
        new DetectIpClient({
          ...setup,
          apiUrl: settings.DETECTIP_API_URL,
          apiKey: settings.DETECTIP_API_KEY ?? '',
        }),
    };
  },
};
