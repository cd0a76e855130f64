import { STANDARD_TUNING } from '../../config/tuning.ts';
import { ConfigError, httpUrl, integer, optionalText, readVariables, variableDocs } from '../../config/variables.ts';
import type { VendorDescriptor } from '../descriptor.ts';
import { PRINTABLE_TOKEN } from '../signal-formats.ts';
import { TrustDecisionClient } from './client.ts';
import { DOCUMENTED_FIELDS } from './fields.ts';
import { DEFAULT_RISK_SCORE_MAX } from './labels.ts';
import { TRUSTDECISION_DEVICE_PREFIX } from './map.ts';

const SECRET = '(unset) — secret, never logged';

const VARIABLES = {
  TRUSTDECISION_PARTNER_CODE: {
    schema: optionalText,
    doc: { default: SECRET, description: 'TrustDecision partner code (set with the key)', secret: true },
  },
  TRUSTDECISION_PARTNER_KEY: {
    schema: optionalText,
    doc: {
      default: SECRET,
      description: 'TrustDecision partner key (sent in the query string; never logged)',
      secret: true,
    },
  },
  TRUSTDECISION_API_URL: {
    schema: httpUrl('https://us.apitd.net'),
    doc: {
      default: '`https://us.apitd.net`',
      description: 'data centre (`https://sg.apitd.net`, `https://de.apitd.net`, …)',
      secret: false,
    },
  },
  TRUSTDECISION_RISK_SCORE_MAX: {
    schema: integer(1, 1_000_000).default(DEFAULT_RISK_SCORE_MAX),
    doc: {
      default: `\`${DEFAULT_RISK_SCORE_MAX}\``,
      description:
        "top of the account's `device_risk_score` range (TrustDecision lets accounts configure it, up to 10000): from 80% of it a score raises `HIGH_RISK_SCORE`",
      secret: false,
    },
  },
};

/**
 * TrustDecision (TongDun) Device Information Query API
 * (https://en-doc.trustdecision.com/reference/devicefingerprint-api-v3): the device behind the
 * `black_box` its SDK produced. A black box is a one-shot voucher the SDK replaces on every action,
 * so a result is only asked for again within one user flow: 10 minutes of cache is plenty.
 */
export const trustDecision: VendorDescriptor<'TRUSTDECISION'> = {
  name: 'TRUSTDECISION',
  displayName: 'TrustDecision',
  documentation: 'https://en-doc.trustdecision.com/reference/devicefingerprint-api-v3',
  envPrefix: 'TRUSTDECISION',
  variables: variableDocs(VARIABLES),
  tuning: STANDARD_TUNING,
  signals: [
    {
      field: 'trustDecisionBlackBox',
      eventIdSlot: 2,
      // 26 characters normally, about 5,000 when the SDK packed the device data into it ("degraded").
      maxLength: 16_384,
      pattern: PRINTABLE_TOKEN,
      expected: 'a TrustDecision black box (printable characters without spaces; at most 16,384)',
    },
  ],
  devices: { prefix: TRUSTDECISION_DEVICE_PREFIX, idName: 'deviceId', searchable: false },
  view: {
    field: 'trustDecision',
    type: 'TrustDecisionDevice',
    personalData: [
      { type: 'TrustDecisionDeviceDetail', field: 'ip', kind: 'ipAddress' },
      { type: 'TrustDecisionDeviceDetail', field: 'wifiIp', kind: 'ipAddress' },
      { type: 'TrustDecisionDeviceDetail', field: 'cellIp', kind: 'ipAddress' },
      { type: 'TrustDecisionDeviceDetail', field: 'vpnIp', kind: 'ipAddress' },
      { type: 'TrustDecisionDeviceDetail', field: 'ipv6', kind: 'ipAddress' },
      { type: 'TrustDecisionDeviceDetail', field: 'dnsAddress', kind: 'ipAddress' },
      { type: 'TrustDecisionDeviceDetail', field: 'proxyInfo', kind: 'ipAddress' },
      { type: 'TrustDecisionDeviceDetail', field: 'referer', kind: 'freeText' },
      { type: 'TrustDecisionDeviceDetail', field: 'ssid', kind: 'precisePlace' },
      { type: 'TrustDecisionDeviceDetail', field: 'bssid', kind: 'precisePlace' },
      { type: 'TrustDecisionGps', field: 'latitude', kind: 'coordinate' },
      { type: 'TrustDecisionGps', field: 'longitude', kind: 'coordinate' },
      { type: 'TrustDecisionGps', field: 'address', kind: 'precisePlace' },
      { type: 'TrustDecisionGps', field: 'township', kind: 'precisePlace' },
      { type: 'TrustDecisionGps', field: 'city', kind: 'place' },
      { type: 'TrustDecisionGps', field: 'province', kind: 'place' },
      { type: 'TrustDecisionIpLocation', field: 'city', kind: 'place' },
      { type: 'TrustDecisionIpLocation', field: 'region', kind: 'place' },
      { type: 'TrustDecisionDeviceDetail', field: 'userAgent', kind: 'userAgent' },
      // What the device reports about itself, verbatim; an iPhone's name is often its owner's.
      ...[
        'deviceName',
        'timeZone',
        'timeZoneDistrict',
        'screenResolution',
        'language',
        'androidId',
        'installedPackages',
        'runningPackages',
      ].map((field) => ({ type: 'TrustDecisionDeviceDetail', field, kind: 'deviceAttribute' }) as const),
    ],
  },
  schema: new URL('../../../schema/vendors/trustdecision.graphql', import.meta.url),
  fields: DOCUMENTED_FIELDS,
  configure(environment) {
    const settings = readVariables(environment, VARIABLES);
    const code = settings.TRUSTDECISION_PARTNER_CODE;
    const key = settings.TRUSTDECISION_PARTNER_KEY;
    if (Boolean(code) !== Boolean(key)) {
      throw new ConfigError(
        'Invalid configuration: TRUSTDECISION_PARTNER_CODE and TRUSTDECISION_PARTNER_KEY must be set together',
      );
    }
    return {
      settings,
      hasCredentials: Boolean(code && key),
      connect: (setup) =>
        new TrustDecisionClient({
          ...setup,
          apiUrl: settings.TRUSTDECISION_API_URL,
          partnerCode: code ?? '',
          partnerKey: key ?? '',
          riskScoreMax: settings.TRUSTDECISION_RISK_SCORE_MAX,
        }),
    };
  },
};
