import type { DocumentedField } from '../descriptor.ts';

/**
 * Every response field Fingerprint documents for Server API v4 (`v4:`, the `Event` object and the
 * search answer) and v3 (`v3:`, the `products` envelope), and where it goes (docs/vendors.md).
 * Sources: the OpenAPI schemas and examples at
 * https://github.com/fingerprintjs/fingerprint-pro-server-api-openapi.
 */

type Destination = Omit<DocumentedField, 'path'>;

const field = (path: string, destination: Destination): DocumentedField => ({ path, ...destination });

/** The same destination for several sub-fields of one object. */
const each = (prefix: string, names: readonly string[], destination: Destination): DocumentedField[] =>
  names.map((name) => field(`${prefix}.${name}`, destination));

const view = (...names: string[]): Destination => ({ view: names.map((name) => `FingerprintEvent.${name}`) });
const mobile = (name: string, label: DocumentedField['labels']): Destination => ({
  labels: label,
  view: [`FingerprintMobileSignals.${name}`],
});
const attribute = (name: string): Destination => ({ view: [`FingerprintDeviceAttributes.${name}`] });

// ---- Why a field is not read ----

const CUSTOMER_DATA =
  "the customer's own data, sent with the identification or set later through Fingerprint's update API: not evidence Fingerprint gathered";
const WEBHOOK_ONLY = 'only in webhook deliveries (which rule triggered the delivery), never in a lookup answer';
const RULESET_ONLY =
  'what an edge proxy should answer or change when the rule fires (status, headers, body): a response recipe, not evidence';
const INTEGRATION = 'names the client library that wrapped the agent (React, …), not the device or the visitor';
const CONFIDENCE_MODEL = "describes the version of Fingerprint's confidence model, not the visitor";
const MAJOR_VERSION = 'the full browser version contains it';
const COMPONENT =
  'a fingerprinting component (a hash or a rendering measurement): meaningful only to Fingerprint’s identification, which the visitor id carries';
const CAPABILITY =
  'a browser capability with no risk meaning on its own (incognito and privacy settings are the readable verdicts)';
const MASKED_GPU = 'the unmasked renderer and vendor (shown) say more';
const TOUCH_FLAGS = 'the maximum touch points (shown) say it more precisely';
const ARCHITECTURE = 'an integer code of the CPU architecture whose values Fingerprint does not document';
const FIRST_PAGE = 'only the first page is read: `recentEvents` asks for at most 100 events';
const TOTAL_HITS = 'only answered when a search asks for `total_hits`, which device lookups do not';
const ERROR_TEXT = "the vendor's human text; only the code is read (it may change without notice)";
const BOTD_DUPLICATE =
  'repeats what identification says about the same request (v4 dropped these duplicates); identification’s value is read';
const V3_FREE_FORM =
  'v3 raw attributes are free-form: Fingerprint documents no fixed list, and the fingerprinting components among them mean something only to its identification';
const ATTRIBUTE_ERROR = 'an attribute the agent could not read on the device: not a failure of the answer';
const REMOTE_CONTROL = 'deprecated by Fingerprint and removed from v4: a signal it no longer maintains';
const FACTORY_RESET_TEXT = 'the same instant as `timestamp`, as text';

// ---- Shared shapes ----

const GEOLOCATION_V4 = [
  'accuracy_radius',
  'latitude',
  'longitude',
  'postal_code',
  'timezone',
  'city_name',
  'country_code',
  'country_name',
  'continent_code',
  'continent_name',
  'subdivisions[].iso_code',
  'subdivisions[].name',
];
const GEOLOCATION_V3 = [
  'accuracyRadius',
  'latitude',
  'longitude',
  'postalCode',
  'timezone',
  'city.name',
  'country.code',
  'country.name',
  'continent.code',
  'continent.name',
  'subdivisions[].isoCode',
  'subdivisions[].name',
];

const ipInfoV4 = (prefix: string): DocumentedField[] => [
  field(`${prefix}.address`, { model: ['IpInfo.address', 'IpInfo.version'] }),
  ...each(`${prefix}.geolocation`, GEOLOCATION_V4, { model: ['IpInfo.geolocation'] }),
  ...each(prefix, ['asn', 'asn_name', 'asn_network', 'asn_type'], { model: ['IpInfo.asn'] }),
  field(`${prefix}.datacenter_result`, { model: ['IpInfo.datacenter'], labels: ['DATACENTER_IP'] }),
  field(`${prefix}.datacenter_name`, view('datacenterName')),
];

const ipInfoV3 = (prefix: string): DocumentedField[] => [
  field(`${prefix}.address`, { model: ['IpInfo.address', 'IpInfo.version'] }),
  ...each(`${prefix}.geolocation`, GEOLOCATION_V3, { model: ['IpInfo.geolocation'] }),
  ...each(`${prefix}.asn`, ['asn', 'name', 'network', 'type'], { model: ['IpInfo.asn'] }),
  field(`${prefix}.datacenter.result`, { model: ['IpInfo.datacenter'], labels: ['DATACENTER_IP'] }),
  field(`${prefix}.datacenter.name`, view('datacenterName')),
];

/** Velocity counters: Fingerprint's name → the model's, each over three windows. */
const VELOCITY: readonly (readonly [string, string, string])[] = [
  ['distinct_ip', 'distinctIp', 'distinctIps'],
  ['distinct_linked_id', 'distinctLinkedId', 'distinctLinkedIds'],
  ['distinct_country', 'distinctCountry', 'distinctCountries'],
  ['events', 'events', 'events'],
  ['ip_events', 'ipEvents', 'ipEvents'],
  ['distinct_ip_by_linked_id', 'distinctIpByLinkedId', 'distinctIpsByLinkedId'],
  ['distinct_visitor_id_by_linked_id', 'distinctVisitorIdByLinkedId', 'distinctDevicesByLinkedId'],
];

const velocityV4 = VELOCITY.flatMap(([name, , model]) =>
  each(`v4:velocity.${name}`, ['5_minutes', '1_hour', '24_hours'], { model: [`Velocity.${model}`] }),
);
const velocityV3 = VELOCITY.flatMap(([, name, model]) =>
  each(`v3:products.velocity.data.${name}.intervals`, ['5m', '1h', '24h'], { model: [`Velocity.${model}`] }),
);

const BOT_VERDICT = ['BotVerdict.detected', 'BotVerdict.kind'];

// ---- Server API v4: the Event object ----

const V4_EVENT: DocumentedField[] = [
  field('v4:event_id', view('eventId', 'origin')),
  field('v4:timestamp', { model: ['Event.time'], ...view('time') }),
  field('v4:source', view('source')),
  field('v4:incremental_identification_status', view('identificationStatus')),
  field('v4:linked_id', view('linkedId')),
  field('v4:environment_id', view('environmentId')),
  // Set through the update API (`Mutation.reportOutcome`); shown so a reported outcome can be read back.
  field('v4:suspect', view('suspect')),
  field('v4:tags', { dropped: CUSTOMER_DATA }),
  ...each('v4:triggered_by[]', ['id', 'name', 'description'], { dropped: WEBHOOK_ONLY }),
  field('v4:sdk.platform', { model: ['Device.platform'], ...view('sdkPlatform') }),
  field('v4:sdk.version', view('sdkVersion')),
  ...each('v4:sdk.integrations[]', ['name', 'version', 'subintegration.name', 'subintegration.version'], {
    dropped: INTEGRATION,
  }),
  field('v4:replayed', { labels: ['REPLAYED'], ...view('replayed') }),
  field('v4:identification.visitor_id', { model: ['Device.id'], ...view('visitorId') }),
  field('v4:identification.visitor_found', view('visitorFound')),
  field('v4:identification.confidence.score', view('confidence')),
  ...each('v4:identification.confidence', ['version', 'comment'], { dropped: CONFIDENCE_MODEL }),
  field('v4:identification.first_seen_at', { model: ['Device.firstSeenAt'] }),
  field('v4:identification.last_seen_at', { model: ['Device.lastSeenAt'] }),
  field('v4:supplementary_id_high_recall.visitor_id', {
    view: ['FingerprintEvent.highRecall', 'FingerprintHighRecallId.visitorId'],
  }),
  field('v4:supplementary_id_high_recall.visitor_found', { view: ['FingerprintHighRecallId.visitorFound'] }),
  field('v4:supplementary_id_high_recall.confidence.score', { view: ['FingerprintHighRecallId.confidence'] }),
  ...each('v4:supplementary_id_high_recall.confidence', ['version', 'comment'], { dropped: CONFIDENCE_MODEL }),
  field('v4:supplementary_id_high_recall.first_seen_at', { view: ['FingerprintHighRecallId.firstSeenAt'] }),
  field('v4:supplementary_id_high_recall.last_seen_at', { view: ['FingerprintHighRecallId.lastSeenAt'] }),
  field('v4:url', { model: ['Event.url'], ...view('url') }),
  field('v4:bundle_id', view('appId')),
  field('v4:package_name', view('appId')),
  field('v4:ip_address', { model: ['IpInfo.address', 'IpInfo.version'], ...view('ipAddress') }),
  field('v4:user_agent', { model: ['Device.userAgent'], ...view('userAgent') }),
  field('v4:device', { model: ['Device.model'] }),
  field('v4:os', { model: ['Device.os'] }),
  field('v4:os_version', { model: ['Device.osVersion'] }),
  field('v4:client_referrer', view('clientReferrer')),
  field('v4:browser_details.browser_name', { model: ['Device.browserName'] }),
  field('v4:browser_details.browser_major_version', { dropped: MAJOR_VERSION }),
  field('v4:browser_details.browser_full_version', { model: ['Device.browserVersion'] }),
  field('v4:browser_details.os', { model: ['Device.os'] }),
  field('v4:browser_details.os_version', { model: ['Device.osVersion'] }),
  field('v4:browser_details.device', { model: ['Device.model'] }),
  field('v4:proximity.id', { view: ['FingerprintEvent.proximity', 'FingerprintProximity.id'] }),
  field('v4:proximity.precision_radius', { view: ['FingerprintProximity.precisionRadiusMeters'] }),
  field('v4:proximity.confidence', { view: ['FingerprintProximity.confidence'] }),
  field('v4:active_call', { view: ['FingerprintMobileSignals.activeCall'] }),
  field('v4:bot', { model: BOT_VERDICT, labels: ['BOT', 'UNKNOWN'], ...view('bot', 'botValue') }),
  field('v4:bot_type', { model: ['BotVerdict.name'], ...view('botType') }),
  field('v4:bot_info.category', {
    model: BOT_VERDICT,
    labels: ['AUTOMATION'],
    view: ['FingerprintEvent.botInfo', 'FingerprintBotInfo.category'],
  }),
  field('v4:bot_info.provider', { view: ['FingerprintBotInfo.provider'] }),
  field('v4:bot_info.provider_url', { view: ['FingerprintBotInfo.providerUrl'] }),
  field('v4:bot_info.name', { model: ['BotVerdict.name'], view: ['FingerprintBotInfo.name'] }),
  field('v4:bot_info.identity', { model: BOT_VERDICT, labels: ['BOT'], view: ['FingerprintBotInfo.identity'] }),
  field('v4:bot_info.confidence', { view: ['FingerprintBotInfo.confidence'] }),
  field('v4:root_apps', {
    labels: ['ROOTED'],
    view: ['FingerprintEvent.mobile', 'FingerprintMobileSignals.rooted'],
  }),
  field('v4:emulator', mobile('emulator', ['EMULATOR'])),
  field('v4:simulator', mobile('emulator', ['EMULATOR'])),
  field('v4:cloned_app', mobile('clonedApp', ['CLONED_APP'])),
  field('v4:jailbroken', mobile('jailbroken', ['JAILBROKEN'])),
  field('v4:frida', mobile('frida', ['FRIDA'])),
  field('v4:location_spoofing', mobile('locationSpoofing', ['LOCATION_SPOOFING'])),
  field('v4:mitm_attack', mobile('mitmAttack', ['MITM'])),
  field('v4:factory_reset_timestamp', mobile('factoryResetAt', ['RECENT_FACTORY_RESET'])),
  field('v4:developer_tools', { labels: ['DEVELOPER_TOOLS'], ...view('developerTools') }),
  field('v4:ip_blocklist.email_spam', { model: ['IpInfo.blocklisted'], labels: ['IP_BLOCKLISTED'] }),
  field('v4:ip_blocklist.attack_source', { model: ['IpInfo.blocklisted'], labels: ['IP_BLOCKLISTED'] }),
  field('v4:ip_blocklist.tor_node', { model: ['IpInfo.tor'], labels: ['TOR'] }),
  ...ipInfoV4('v4:ip_info.v4'),
  ...ipInfoV4('v4:ip_info.v6'),
  field('v4:proxy', { model: ['IpInfo.proxy'], labels: ['PROXY'], ...view('proxy') }),
  field('v4:proxy_confidence', { model: ['IpInfo.proxy'], labels: ['PROXY'], ...view('proxyConfidence') }),
  field('v4:proxy_ml_score', { labels: ['PROXY'], ...view('proxyMlScore') }),
  field('v4:proxy_details.proxy_type', { model: ['IpInfo.proxy'], labels: ['PROXY'] }),
  field('v4:proxy_details.provider', { model: ['IpInfo.proxy'], labels: ['PROXY'] }),
  field('v4:proxy_details.last_seen_at', view('proxyLastSeenAt')),
  field('v4:incognito', { labels: ['INCOGNITO'], ...view('incognito') }),
  field('v4:privacy_settings', { labels: ['PRIVACY_SETTINGS'], ...view('privacySettings') }),
  field('v4:suspect_score', view('suspectScore')),
  field('v4:tampering', { labels: ['TAMPERING'], ...view('tampering') }),
  field('v4:tampering_confidence', { labels: ['TAMPERING'], ...view('tamperingConfidence') }),
  field('v4:tampering_ml_score', { labels: ['TAMPERING'], ...view('tamperingMlScore') }),
  field('v4:tampering_details.anomaly_score', view('tamperingAnomalyScore')),
  field('v4:tampering_details.anti_detect_browser', { labels: ['ANTI_DETECT_BROWSER'], ...view('antiDetectBrowser') }),
  ...velocityV4,
  field('v4:virtual_machine', { labels: ['VIRTUAL_MACHINE'], ...view('virtualMachine') }),
  field('v4:virtual_machine_ml_score', { labels: ['VIRTUAL_MACHINE'], ...view('virtualMachineMlScore') }),
  field('v4:vpn', { model: ['IpInfo.vpn'], labels: ['VPN'], ...view('vpn') }),
  field('v4:vpn_confidence', { labels: ['VPN'], ...view('vpnConfidence') }),
  field('v4:vpn_ml_score', { labels: ['VPN'], ...view('vpnMlScore') }),
  field('v4:vpn_origin_timezone', { labels: ['TIMEZONE_MISMATCH'], ...view('vpnOriginTimezone') }),
  field('v4:vpn_origin_country', view('vpnOriginCountry')),
  field('v4:vpn_methods.timezone_mismatch', {
    labels: ['TIMEZONE_MISMATCH'],
    view: ['FingerprintEvent.vpnMethods', 'FingerprintVpnMethods.timezoneMismatch'],
  }),
  field('v4:vpn_methods.public_vpn', {
    model: ['IpInfo.vpn'],
    labels: ['VPN'],
    view: ['FingerprintVpnMethods.publicVpn'],
  }),
  field('v4:vpn_methods.auxiliary_mobile', {
    model: ['IpInfo.vpn'],
    labels: ['VPN'],
    view: ['FingerprintVpnMethods.auxiliaryMobile'],
  }),
  field('v4:vpn_methods.os_mismatch', {
    model: ['IpInfo.vpn'],
    labels: ['VPN'],
    view: ['FingerprintVpnMethods.osMismatch'],
  }),
  field('v4:vpn_methods.relay', { model: ['IpInfo.relay'], labels: ['RELAY'], view: ['FingerprintVpnMethods.relay'] }),
  field('v4:vpn_methods.ml_prediction', {
    model: ['IpInfo.vpn'],
    labels: ['VPN'],
    view: ['FingerprintVpnMethods.mlPrediction'],
  }),
  field('v4:high_activity_device', { labels: ['HIGH_ACTIVITY'], ...view('highActivity') }),
  field('v4:rare_device', view('rareDevice')),
  field('v4:rare_device_percentile_bucket', view('rareDevicePercentileBucket')),
  field('v4:raw_device_attributes.timezone', {
    model: ['Device.timezone'],
    view: ['FingerprintEvent.attributes', 'FingerprintDeviceAttributes.timezone'],
  }),
  field('v4:raw_device_attributes.languages', { model: ['Device.language'], ...attribute('languages') }),
  field('v4:raw_device_attributes.screen_resolution', {
    model: ['Device.screenResolution'],
    ...attribute('screenResolution'),
  }),
  field('v4:raw_device_attributes.device_model', { model: ['Device.model'] }),
  field('v4:raw_device_attributes.device_manufacturer', { model: ['Device.brand'] }),
  field('v4:raw_device_attributes.timezone_offset', attribute('timezoneOffset')),
  field('v4:raw_device_attributes.color_depth', attribute('colorDepth')),
  field('v4:raw_device_attributes.hardware_concurrency', attribute('hardwareConcurrency')),
  field('v4:raw_device_attributes.device_memory', attribute('deviceMemoryGb')),
  field('v4:raw_device_attributes.platform', attribute('platform')),
  field('v4:raw_device_attributes.vendor', attribute('vendor')),
  field('v4:raw_device_attributes.oscpu', attribute('oscpu')),
  field('v4:raw_device_attributes.date_time_locale', attribute('dateTimeLocale')),
  field('v4:raw_device_attributes.keyboard_layout_name', attribute('keyboardLayout')),
  field('v4:raw_device_attributes.touch_support.max_touch_points', attribute('maxTouchPoints')),
  ...each('v4:raw_device_attributes.touch_support', ['touch_event', 'touch_start'], { dropped: TOUCH_FLAGS }),
  field('v4:raw_device_attributes.webgl_basics.renderer_unmasked', attribute('gpuRenderer')),
  field('v4:raw_device_attributes.webgl_basics.vendor_unmasked', attribute('gpuVendor')),
  ...each('v4:raw_device_attributes.webgl_basics', ['renderer', 'vendor', 'version', 'shading_language_version'], {
    dropped: MASKED_GPU,
  }),
  field('v4:raw_device_attributes.battery_level', attribute('batteryLevel')),
  field('v4:raw_device_attributes.battery_charging', attribute('batteryCharging')),
  field('v4:raw_device_attributes.battery_low_power_mode', attribute('lowPowerMode')),
  field('v4:raw_device_attributes.architecture', { dropped: ARCHITECTURE }),
  ...each('v4:raw_device_attributes', ['cookies_enabled', 'session_storage', 'local_storage', 'indexed_db'], {
    dropped: CAPABILITY,
  }),
  ...each('v4:raw_device_attributes', ['fonts[]', 'font_hash', 'math', 'audio', 'keyboard_layout_hash'], {
    dropped: COMPONENT,
  }),
  ...each('v4:raw_device_attributes.font_preferences', ['apple', 'default', 'min', 'mono', 'sans', 'serif', 'system'], {
    dropped: COMPONENT,
  }),
  ...each('v4:raw_device_attributes.emoji', ['font', 'width', 'height', 'top', 'bottom', 'left', 'right', 'x', 'y'], {
    dropped: COMPONENT,
  }),
  ...each('v4:raw_device_attributes.canvas', ['winding', 'geometry', 'text'], { dropped: COMPONENT }),
  ...each(
    'v4:raw_device_attributes.webgl_extensions',
    [
      'context_attributes',
      'parameters',
      'shader_precisions',
      'extensions',
      'extension_parameters',
      'unsupported_extensions[]',
    ],
    { dropped: COMPONENT },
  ),
  ...each(
    'v4:raw_device_attributes.plugins[]',
    ['name', 'description', 'mimeTypes[].type', 'mimeTypes[].suffixes', 'mimeTypes[].description'],
    { dropped: COMPONENT },
  ),
  field('v4:labels[].label', {
    labels: ['HIGH_RISK_SCORE', 'UNKNOWN'],
    view: ['FingerprintEvent.mlPredictions', 'FingerprintMlPrediction.label'],
  }),
  field('v4:labels[].prediction', {
    labels: ['HIGH_RISK_SCORE', 'UNKNOWN'],
    view: ['FingerprintMlPrediction.prediction'],
  }),
  field('v4:labels[].ml_score', { labels: ['HIGH_RISK_SCORE', 'UNKNOWN'], view: ['FingerprintMlPrediction.score'] }),
  // A checkpoint's ruleset verdict (docs/checkpoints.md): its reason, with the rule as evidence.
  field('v4:rule_action.type', { labels: ['RULESET_BLOCK', 'RULESET_ALLOW', 'RULESET_NOT_EVALUATED'] }),
  ...each('v4:rule_action', ['ruleset_id', 'rule_id', 'rule_expression'], {
    labels: ['RULESET_BLOCK', 'RULESET_ALLOW'],
  }),
  ...each(
    'v4:rule_action',
    [
      'status_code',
      'headers[].name',
      'headers[].value',
      'body',
      'request_header_modifications.remove[]',
      'request_header_modifications.set[].name',
      'request_header_modifications.set[].value',
      'request_header_modifications.append[].name',
      'request_header_modifications.append[].value',
    ],
    { dropped: RULESET_ONLY },
  ),
];

// ---- Server API v4: the search answer (`GET /v4/events`) ----

const V4_SEARCH: DocumentedField[] = [
  field('v4:search.events[]', { model: ['Device.recentEvents'] }),
  field('v4:search.pagination_key', { dropped: FIRST_PAGE }),
  field('v4:search.total_hits', { dropped: TOTAL_HITS }),
];

// ---- Server API v3: the products envelope ----

const ID = 'v3:products.identification.data';
const BOTD = 'v3:products.botd.data';

/** A v3 product whose `data` is `{ result }`. */
const result = (product: string, destination: Destination) => field(`v3:products.${product}.data.result`, destination);

const V3_EVENT: DocumentedField[] = [
  field('v3:products.*.error.code', { model: ['SourceStatus.status', 'SourceStatus.errorCode'] }),
  field('v3:products.*.error.message', { dropped: ERROR_TEXT }),
  field(`${ID}.visitorId`, { model: ['Device.id'], ...view('visitorId') }),
  field(`${ID}.requestId`, view('eventId', 'origin')),
  field(`${ID}.incognito`, { labels: ['INCOGNITO'], ...view('incognito') }),
  field(`${ID}.linkedId`, view('linkedId')),
  field(`${ID}.tag`, { dropped: CUSTOMER_DATA }),
  field(`${ID}.suspect`, view('suspect')),
  field(`${ID}.environmentId`, view('environmentId')),
  field(`${ID}.time`, { model: ['Event.time'], ...view('time') }),
  field(`${ID}.timestamp`, { model: ['Event.time'], ...view('time') }),
  field(`${ID}.url`, { model: ['Event.url'], ...view('url') }),
  field(`${ID}.ip`, { model: ['IpInfo.address', 'IpInfo.version'], ...view('ipAddress') }),
  ...each(`${ID}.ipLocation`, GEOLOCATION_V3, { model: ['IpInfo.geolocation'] }),
  field(`${ID}.browserDetails.browserName`, { model: ['Device.browserName'] }),
  field(`${ID}.browserDetails.browserMajorVersion`, { dropped: MAJOR_VERSION }),
  field(`${ID}.browserDetails.browserFullVersion`, { model: ['Device.browserVersion'] }),
  field(`${ID}.browserDetails.os`, { model: ['Device.os'] }),
  field(`${ID}.browserDetails.osVersion`, { model: ['Device.osVersion'] }),
  field(`${ID}.browserDetails.device`, { model: ['Device.model'] }),
  field(`${ID}.browserDetails.userAgent`, { model: ['Device.userAgent'], ...view('userAgent') }),
  field(`${ID}.confidence.score`, view('confidence')),
  ...each(`${ID}.confidence`, ['revision', 'comment'], { dropped: CONFIDENCE_MODEL }),
  field(`${ID}.visitorFound`, view('visitorFound')),
  field(`${ID}.firstSeenAt.subscription`, { model: ['Device.firstSeenAt'] }),
  field(`${ID}.firstSeenAt.global`, { model: ['Device.firstSeenAt'] }),
  field(`${ID}.lastSeenAt.subscription`, { model: ['Device.lastSeenAt'] }),
  field(`${ID}.lastSeenAt.global`, { model: ['Device.lastSeenAt'] }),
  field(`${ID}.components`, { dropped: V3_FREE_FORM }),
  field(`${ID}.replayed`, { labels: ['REPLAYED'], ...view('replayed') }),
  field(`${ID}.sdk.platform`, { model: ['Device.platform'], ...view('sdkPlatform') }),
  field(`${ID}.sdk.version`, view('sdkVersion')),
  ...each(`${ID}.sdk.integrations[]`, ['name', 'version', 'subintegration.name', 'subintegration.version'], {
    dropped: INTEGRATION,
  }),
  field(`${BOTD}.bot.result`, { model: BOT_VERDICT, labels: ['BOT', 'UNKNOWN'], ...view('bot', 'botValue') }),
  field(`${BOTD}.bot.type`, { model: ['BotVerdict.name'], ...view('botType') }),
  ...each(BOTD, ['url', 'ip', 'time', 'userAgent', 'requestId', 'linkedId'], { dropped: BOTD_DUPLICATE }),
  field(`${BOTD}.meta`, { dropped: CUSTOMER_DATA }),
  result('rootApps', { labels: ['ROOTED'], view: ['FingerprintEvent.mobile', 'FingerprintMobileSignals.rooted'] }),
  result('emulator', mobile('emulator', ['EMULATOR'])),
  result('simulator', mobile('emulator', ['EMULATOR'])),
  result('clonedApp', mobile('clonedApp', ['CLONED_APP'])),
  result('jailbroken', mobile('jailbroken', ['JAILBROKEN'])),
  result('frida', mobile('frida', ['FRIDA'])),
  result('locationSpoofing', mobile('locationSpoofing', ['LOCATION_SPOOFING'])),
  result('mitmAttack', mobile('mitmAttack', ['MITM'])),
  field('v3:products.factoryReset.data.timestamp', mobile('factoryResetAt', ['RECENT_FACTORY_RESET'])),
  field('v3:products.factoryReset.data.time', { dropped: FACTORY_RESET_TEXT }),
  result('incognito', { labels: ['INCOGNITO'], ...view('incognito') }),
  result('privacySettings', { labels: ['PRIVACY_SETTINGS'], ...view('privacySettings') }),
  result('developerTools', { labels: ['DEVELOPER_TOOLS'], ...view('developerTools') }),
  result('tor', { model: ['IpInfo.tor'], labels: ['TOR'] }),
  ...ipInfoV3('v3:products.ipInfo.data.v4'),
  ...ipInfoV3('v3:products.ipInfo.data.v6'),
  result('ipBlocklist', { model: ['IpInfo.blocklisted'], labels: ['IP_BLOCKLISTED'] }),
  ...each('v3:products.ipBlocklist.data.details', ['emailSpam', 'attackSource'], {
    model: ['IpInfo.blocklisted'],
    labels: ['IP_BLOCKLISTED'],
  }),
  result('vpn', { model: ['IpInfo.vpn'], labels: ['VPN'], ...view('vpn') }),
  field('v3:products.vpn.data.confidence', { labels: ['VPN'], ...view('vpnConfidence') }),
  field('v3:products.vpn.data.mlScore', { labels: ['VPN'], ...view('vpnMlScore') }),
  field('v3:products.vpn.data.originTimezone', { labels: ['TIMEZONE_MISMATCH'], ...view('vpnOriginTimezone') }),
  field('v3:products.vpn.data.originCountry', view('vpnOriginCountry')),
  field('v3:products.vpn.data.methods.timezoneMismatch', {
    labels: ['TIMEZONE_MISMATCH'],
    view: ['FingerprintEvent.vpnMethods', 'FingerprintVpnMethods.timezoneMismatch'],
  }),
  ...(
    [
      ['publicVPN', 'publicVpn'],
      ['auxiliaryMobile', 'auxiliaryMobile'],
      ['osMismatch', 'osMismatch'],
      ['mlPrediction', 'mlPrediction'],
    ] as const
  ).map(([name, shown]) =>
    field(`v3:products.vpn.data.methods.${name}`, {
      model: ['IpInfo.vpn'],
      labels: ['VPN'],
      view: [`FingerprintVpnMethods.${shown}`],
    }),
  ),
  field('v3:products.vpn.data.methods.relay', {
    model: ['IpInfo.relay'],
    labels: ['RELAY'],
    view: ['FingerprintVpnMethods.relay'],
  }),
  result('proxy', { model: ['IpInfo.proxy'], labels: ['PROXY'], ...view('proxy') }),
  field('v3:products.proxy.data.confidence', {
    model: ['IpInfo.proxy'],
    labels: ['PROXY'],
    ...view('proxyConfidence'),
  }),
  field('v3:products.proxy.data.mlScore', { labels: ['PROXY'], ...view('proxyMlScore') }),
  field('v3:products.proxy.data.details.proxyType', { model: ['IpInfo.proxy'], labels: ['PROXY'] }),
  field('v3:products.proxy.data.details.service', { model: ['IpInfo.proxy'], labels: ['PROXY'] }),
  field('v3:products.proxy.data.details.lastSeenAt', view('proxyLastSeenAt')),
  result('tampering', { labels: ['TAMPERING'], ...view('tampering') }),
  field('v3:products.tampering.data.confidence', { labels: ['TAMPERING'], ...view('tamperingConfidence') }),
  field('v3:products.tampering.data.mlScore', { labels: ['TAMPERING'], ...view('tamperingMlScore') }),
  field('v3:products.tampering.data.anomalyScore', view('tamperingAnomalyScore')),
  field('v3:products.tampering.data.antiDetectBrowser', {
    labels: ['ANTI_DETECT_BROWSER'],
    ...view('antiDetectBrowser'),
  }),
  result('virtualMachine', { labels: ['VIRTUAL_MACHINE'], ...view('virtualMachine') }),
  field('v3:products.virtualMachine.data.mlScore', { labels: ['VIRTUAL_MACHINE'], ...view('virtualMachineMlScore') }),
  result('highActivity', { labels: ['HIGH_ACTIVITY'], ...view('highActivity') }),
  field('v3:products.highActivity.data.dailyRequests', view('highActivityDailyRequests')),
  result('suspectScore', view('suspectScore')),
  result('remoteControl', { dropped: REMOTE_CONTROL }),
  result('rareDevice', view('rareDevice')),
  field('v3:products.rareDevice.data.percentileBucket', view('rareDevicePercentileBucket')),
  field('v3:products.proximity.data.id', { view: ['FingerprintEvent.proximity', 'FingerprintProximity.id'] }),
  field('v3:products.proximity.data.precisionRadius', { view: ['FingerprintProximity.precisionRadiusMeters'] }),
  field('v3:products.proximity.data.confidence', { view: ['FingerprintProximity.confidence'] }),
  field('v3:products.labels.data[].label', {
    labels: ['HIGH_RISK_SCORE', 'UNKNOWN'],
    view: ['FingerprintEvent.mlPredictions', 'FingerprintMlPrediction.label'],
  }),
  field('v3:products.labels.data[].prediction', {
    labels: ['HIGH_RISK_SCORE', 'UNKNOWN'],
    view: ['FingerprintMlPrediction.prediction'],
  }),
  field('v3:products.labels.data[].mlScore', {
    labels: ['HIGH_RISK_SCORE', 'UNKNOWN'],
    view: ['FingerprintMlPrediction.score'],
  }),
  ...velocityV3,
  field('v3:products.rawDeviceAttributes.data.timezone.value', {
    model: ['Device.timezone'],
    view: ['FingerprintEvent.attributes', 'FingerprintDeviceAttributes.timezone'],
  }),
  field('v3:products.rawDeviceAttributes.data.languages.value', {
    model: ['Device.language'],
    ...attribute('languages'),
  }),
  field('v3:products.rawDeviceAttributes.data.screenResolution.value', {
    model: ['Device.screenResolution'],
    ...attribute('screenResolution'),
  }),
  ...(
    [
      ['colorDepth', 'colorDepth'],
      ['hardwareConcurrency', 'hardwareConcurrency'],
      ['deviceMemory', 'deviceMemoryGb'],
      ['platform', 'platform'],
      ['vendor', 'vendor'],
    ] as const
  ).map(([name, shown]) => field(`v3:products.rawDeviceAttributes.data.${name}.value`, attribute(shown))),
  field('v3:products.rawDeviceAttributes.data.*.value', { dropped: V3_FREE_FORM }),
  ...each('v3:products.rawDeviceAttributes.data.*.error', ['name', 'message'], { dropped: ATTRIBUTE_ERROR }),
];

// ---- Server API v3: the search answer (`GET /events/search`) ----

const V3_SEARCH: DocumentedField[] = [
  field('v3:search.events[]', { model: ['Device.recentEvents'] }),
  field('v3:search.paginationKey', { dropped: FIRST_PAGE }),
];

export const DOCUMENTED_FIELDS: readonly DocumentedField[] = [...V4_EVENT, ...V4_SEARCH, ...V3_EVENT, ...V3_SEARCH];
