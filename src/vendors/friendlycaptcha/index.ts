import { STANDARD_TUNING } from '../../config/tuning.ts';
import { httpUrl, optionalText, readVariables, variableDocs } from '../../config/variables.ts';
import type { VendorDescriptor } from '../descriptor.ts';
import { PRINTABLE_TOKEN } from '../signal-formats.ts';
import { FriendlyCaptchaClient } from './client.ts';
import { DOCUMENTED_FIELDS } from './fields.ts';

const VARIABLES = {
  FRIENDLYCAPTCHA_API_KEY: {
    schema: optionalText,
    doc: { default: '(unset) — secret, never logged', description: 'Friendly Captcha API key', secret: true },
  },
  FRIENDLYCAPTCHA_SITEKEY: {
    schema: optionalText,
    doc: { default: '(unset)', description: 'optional sitekey checked against the token', secret: false },
  },
  FRIENDLYCAPTCHA_API_URL: {
    schema: httpUrl('https://global.frcapi.com'),
    doc: { default: '`https://global.frcapi.com`', description: 'or `https://eu.frcapi.com`', secret: false },
  },
};

/**
 * Friendly Captcha Risk Intelligence (https://developer.friendlycaptcha.com/docs/v2/risk-intelligence/):
 * what the widget learned about the browser and network behind a risk-intelligence token. Tokens
 * live about 15 minutes, which caps the cache (the client never caches past `expires_at`).
 */
export const friendlyCaptcha: VendorDescriptor<'FRIENDLY_CAPTCHA'> = {
  name: 'FRIENDLY_CAPTCHA',
  displayName: 'Friendly Captcha',
  documentation: 'https://developer.friendlycaptcha.com/docs/v2/risk-intelligence/',
  envPrefix: 'FRIENDLYCAPTCHA',
  variables: variableDocs(VARIABLES),
  tuning: { ...STANDARD_TUNING, cacheTtlSeconds: 900 },
  signals: [
    {
      field: 'friendlyCaptchaToken',
      eventIdSlot: 3,
      maxLength: 16_384,
      pattern: PRINTABLE_TOKEN,
      expected: 'a Friendly Captcha risk-intelligence token (printable characters without spaces; at most 16,384)',
    },
  ],
  view: {
    field: 'friendlyCaptcha',
    type: 'FriendlyCaptchaRiskIntelligence',
    personalData: [
      { type: 'FriendlyCaptchaNetwork', field: 'ip', kind: 'ipAddress' },
      { type: 'FriendlyCaptchaNetwork', field: 'city', kind: 'place' },
      { type: 'FriendlyCaptchaNetwork', field: 'state', kind: 'place' },
      { type: 'FriendlyCaptchaClient', field: 'userAgent', kind: 'userAgent' },
      { type: 'FriendlyCaptchaClient', field: 'timeZone', kind: 'deviceAttribute' },
    ],
  },
  schema: new URL('../../../schema/vendors/friendlycaptcha.graphql', import.meta.url),
  fields: DOCUMENTED_FIELDS,
  configure(environment) {
    const settings = readVariables(environment, VARIABLES);
    return {
      settings,
      hasCredentials: Boolean(settings.FRIENDLYCAPTCHA_API_KEY),
      connect: (setup) =>
        new FriendlyCaptchaClient({
          ...setup,
          apiUrl: settings.FRIENDLYCAPTCHA_API_URL,
          apiKey: settings.FRIENDLYCAPTCHA_API_KEY ?? '',
          sitekey: settings.FRIENDLYCAPTCHA_SITEKEY,
        }),
    };
  },
};
