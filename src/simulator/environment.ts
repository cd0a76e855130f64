import type { Vendor } from '../model/vendor.ts';
import { SIMULATOR_CREDENTIALS } from './credentials.ts';
import type { Simulator } from './server.ts';

/**
 * The environment variables that point a vendor at the simulator: its base URL and the
 * credentials the simulator accepts. Merged over the real environment before the configuration is
 * loaded, so a simulated vendor goes through the same configuration, client and policy as a live one.
 */
const VARIABLES: Readonly<Record<Vendor, (simulator: Simulator) => Record<string, string>>> = {
  FINGERPRINT: (simulator) => ({
    FINGERPRINT_API_URL: simulator.baseUrl('FINGERPRINT'),
    FINGERPRINT_SECRET_API_KEY: SIMULATOR_CREDENTIALS.fingerprint.secretApiKey,
  }),
  TRUSTDECISION: (simulator) => ({
    TRUSTDECISION_API_URL: simulator.baseUrl('TRUSTDECISION'),
    TRUSTDECISION_PARTNER_CODE: SIMULATOR_CREDENTIALS.trustDecision.partnerCode,
    TRUSTDECISION_PARTNER_KEY: SIMULATOR_CREDENTIALS.trustDecision.partnerKey,
  }),
  FRIENDLY_CAPTCHA: (simulator) => ({
    FRIENDLYCAPTCHA_API_URL: simulator.baseUrl('FRIENDLY_CAPTCHA'),
    FRIENDLYCAPTCHA_API_KEY: SIMULATOR_CREDENTIALS.friendlyCaptcha.apiKey,
    FRIENDLYCAPTCHA_SITEKEY: SIMULATOR_CREDENTIALS.friendlyCaptcha.sitekey,
  }),
  DETECTIP: (simulator) => ({
    DETECTIP_API_URL: simulator.baseUrl('DETECTIP'),
    DETECTIP_API_KEY: SIMULATOR_CREDENTIALS.detectIp.apiKey,
  }),
  HITPROBE: (simulator) => ({
    HITPROBE_API_URL: simulator.baseUrl('HITPROBE'),
    HITPROBE_SECRET_KEY: SIMULATOR_CREDENTIALS.hitprobe.secretKey,
  }),
};

export function simulatorEnvironment(simulator: Simulator, vendors: Iterable<Vendor>): Record<string, string> {
  return Object.assign({}, ...[...vendors].map((vendor) => VARIABLES[vendor](simulator)));
}
