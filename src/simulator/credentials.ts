/**
 * The credentials the simulated vendors accept. They are not secrets: `npm run simulator` prints
 * them, and `npm start` uses them when it points a vendor at the simulator. Anything else gets
 * each vendor's real authentication error.
 */
export const SIMULATOR_CREDENTIALS = {
  fingerprint: { secretApiKey: 'sim_fp_secret_key_4f8a2c19d7' },
  trustDecision: { partnerCode: 'sim_partner', partnerKey: 'sim_td_partner_key_7b31e0' },
  friendlyCaptcha: { apiKey: 'sim_fc_api_key_c52e81', sitekey: 'FCMSIMULATOR0001' },
  detectIp: { apiKey: 'sk_sim_detectip_9d04a6' },
  hitprobe: { secretKey: 'sim_hp_secret_key_e6a3b2' },
} as const satisfies {
  fingerprint: { secretApiKey: string };
  trustDecision: { partnerCode: string; partnerKey: string };
  friendlyCaptcha: { apiKey: string; sitekey: string };
  detectIp: { apiKey: string };
  hitprobe: { secretKey: string };
};
