import { STANDARD_TUNING } from '../../../src/config/tuning.ts';
import { httpUrl, optionalText, readVariables, variableDocs } from '../../../src/config/variables.ts';
import type { VendorDescriptor } from '../../../src/vendors/descriptor.ts';
import { PRINTABLE_TOKEN } from '../../../src/vendors/signal-formats.ts';
import { ACME, AcmeClient } from './client.ts';

const VARIABLES = {
  ACME_API_KEY: {
    schema: optionalText,
    doc: { default: '(unset) — secret', description: 'Acme Risk API key', secret: true },
  },
  ACME_API_URL: {
    schema: httpUrl('https://api.acme.example'),
    doc: { default: '`https://api.acme.example`', description: 'Acme Risk API base', secret: false },
  },
};

/** Acme Risk, a sixth vendor that only the tests register: everything a vendor folder holds. */
export const acme: VendorDescriptor = {
  name: ACME,
  displayName: 'Acme Risk',
  documentation: 'https://api.acme.example/docs',
  envPrefix: 'ACME',
  variables: variableDocs(VARIABLES),
  tuning: { ...STANDARD_TUNING, cacheTtlSeconds: 60 },
  signals: [
    {
      field: 'acmeToken',
      eventIdSlot: 7,
      maxLength: 64,
      pattern: PRINTABLE_TOKEN,
      expected: 'an Acme Risk session token (printable characters without spaces; at most 64)',
    },
  ],
  view: { field: 'acme', type: 'AcmeVerdict', personalData: [] },
  schema: new URL('./acme.graphql', import.meta.url),
  fields: [
    { path: 'verdict.score', view: ['AcmeVerdict.score'] },
    { path: 'verdict.checks.automation', labels: ['AUTOMATION'] },
  ],
  configure(environment) {
    const settings = readVariables(environment, VARIABLES);
    return {
      settings,
      hasCredentials: Boolean(settings.ACME_API_KEY),
      connect: (setup) =>
        new AcmeClient({ ...setup, apiUrl: settings.ACME_API_URL, apiKey: settings.ACME_API_KEY ?? '' }),
    };
  },
};
