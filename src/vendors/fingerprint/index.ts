import { z } from 'zod';
import { STANDARD_TUNING } from '../../config/tuning.ts';
import { commaSeparated, httpUrl, integer, optionalText, readVariables, variableDocs } from '../../config/variables.ts';
import type { VendorDescriptor } from '../descriptor.ts';
import { FingerprintClient, RULESET_OPTION } from './client.ts';
import { DOCUMENTED_FIELDS } from './fields.ts';
import { FINGERPRINT_DEVICE_PREFIX } from './report.ts';
import { FINGERPRINT_WEBHOOK } from './webhook.ts';

const SECRET = '(unset) — secret, never logged';

const VARIABLES = {
  FINGERPRINT_SECRET_API_KEY: {
    schema: optionalText,
    doc: { default: SECRET, description: 'Fingerprint Server API secret key', secret: true },
  },
  FINGERPRINT_API_URL: {
    schema: httpUrl('https://api.fpjs.io'),
    doc: {
      default: '`https://api.fpjs.io`',
      description: 'region host (`https://eu.api.fpjs.io`, `https://ap.api.fpjs.io`)',
      secret: false,
    },
  },
  FINGERPRINT_API_VERSION: {
    schema: z.enum(['v4', 'v3'], { error: 'must be v4 or v3' }).default('v4'),
    doc: { default: '`v4`', description: '`v4`, or `v3` for accounts not migrated yet', secret: false },
  },
  FINGERPRINT_SEALED_KEYS: {
    schema: commaSeparated.pipe(
      z.array(
        z
          .string()
          .transform((key) => Buffer.from(key, 'base64'))
          .refine((key) => key.length === 32, 'must be comma-separated base64 AES-256 keys (32 bytes each)'),
      ),
    ),
    doc: {
      default: SECRET,
      description: 'comma-separated base64 AES-256 keys for sealed results, newest first',
      secret: true,
    },
  },
  FINGERPRINT_WEBHOOK_SECRETS: {
    schema: commaSeparated,
    doc: {
      default: '(unset: `/webhooks/fingerprint` answers 404) — secret, never logged',
      description:
        'comma-separated webhook signing secrets, newest first: receive signed webhooks into the result cache',
      secret: true,
    },
  },
  FINGERPRINT_WEBHOOK_MAX_AGE_S: {
    schema: integer(1, 86_400).default(300),
    doc: {
      default: '`300`',
      description: 'a webhook whose event is further than this from now (by its timestamp) is not stored',
      secret: false,
    },
  },
};

/**
 * Fingerprint Server API (https://dev.fingerprint.com/reference/server-api): one identification
 * event per `event_id` (the JS agent's `requestId`), a device's recent events by visitor id, and
 * sealed results opened locally.
 */
export const fingerprint: VendorDescriptor<'FINGERPRINT'> = {
  name: 'FINGERPRINT',
  displayName: 'Fingerprint',
  documentation: 'https://dev.fingerprint.com/reference/server-api',
  envPrefix: 'FINGERPRINT',
  variables: variableDocs(VARIABLES),
  // The Server API allows 5 requests/s per secret key with a burst of 15
  // (https://dev.fingerprint.com/docs/account-limits); events are immutable once written.
  tuning: {
    ...STANDARD_TUNING,
    maxRetries: 2,
    concurrency: 16,
    rateLimitPerSecond: 5,
    rateLimitBurst: 15,
    cacheTtlSeconds: 86_400,
  },
  signals: [
    {
      field: 'fingerprintEventId',
      eventIdSlot: 0,
      maxLength: 100,
      pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
      expected: 'a Fingerprint event id such as 1708102555327.NLOjmg (letters, digits, ".", "_", "-"; at most 100)',
    },
    {
      field: 'fingerprintSealedResult',
      eventIdSlot: 1,
      maxLength: 65_536,
      pattern: /^[A-Za-z0-9+/=_-]+$/,
      expected: 'a base64 Fingerprint sealed result (at most 64 KiB)',
      replacedInEventId: true,
    },
  ],
  devices: { prefix: FINGERPRINT_DEVICE_PREFIX, idName: 'visitorId', searchable: true },
  view: {
    field: 'fingerprint',
    type: 'FingerprintEvent',
    personalData: [
      { type: 'FingerprintEvent', field: 'ipAddress', kind: 'ipAddress' },
      { type: 'FingerprintEvent', field: 'userAgent', kind: 'userAgent' },
      // A grid cell of the device's location, as precise as 10 m.
      { type: 'FingerprintProximity', field: 'id', kind: 'place' },
    ],
  },
  schema: new URL('../../../schema/vendors/fingerprint.graphql', import.meta.url),
  webhook: FINGERPRINT_WEBHOOK,
  fields: DOCUMENTED_FIELDS,
  checkpointOptions: {
    [RULESET_OPTION]: {
      schema: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a Fingerprint ruleset id such as rs_b1k1blhqpOX3kU'),
      description:
        'A ruleset of your Fingerprint workspace to evaluate for this checkpoint (Server API v4 `ruleset_id`): its `rule_action` becomes a `RULESET_BLOCK` or `RULESET_ALLOW` reason. One more v4 event lookup per event and distinct ruleset; with v3 or a sealed result the checkpoint works without it (reason `RULESET_NOT_EVALUATED`).',
    },
  },
  configure(environment) {
    const settings = readVariables(environment, VARIABLES);
    return {
      settings,
      hasCredentials: Boolean(settings.FINGERPRINT_SECRET_API_KEY),
      connect: (setup) =>
        new FingerprintClient({
          ...setup,
          apiUrl: settings.FINGERPRINT_API_URL,
          apiKey: settings.FINGERPRINT_SECRET_API_KEY ?? '',
          apiVersion: settings.FINGERPRINT_API_VERSION,
          sealedKeys: settings.FINGERPRINT_SEALED_KEYS,
          webhook:
            settings.FINGERPRINT_WEBHOOK_SECRETS.length > 0
              ? {
                  secrets: settings.FINGERPRINT_WEBHOOK_SECRETS,
                  maxAgeMs: settings.FINGERPRINT_WEBHOOK_MAX_AGE_S * 1000,
                }
              : undefined,
        }),
    };
  },
};
