import type { Config } from '../config.ts';
import { VENDORS, type Vendor } from '../model/vendor.ts';
import type { Simulator } from '../simulator/index.ts';
import type { Connectors } from '../sources/request-sources.ts';
import type { VendorConnector } from '../vendors/connector.ts';
import { DetectIpClient } from '../vendors/detectip/client.ts';
import { FingerprintClient } from '../vendors/fingerprint/client.ts';
import { FriendlyCaptchaClient } from '../vendors/friendlycaptcha/client.ts';
import { HitprobeClient } from '../vendors/hitprobe/client.ts';
import { type PolicyEvents, VendorPolicy } from '../vendors/resilience/policy.ts';
import { TrustDecisionClient } from '../vendors/trustdecision/client.ts';

/** Where a vendor's calls go in this deployment. */
export type VendorMode = 'live' | 'simulated' | 'not-configured';

export interface VendorSetup {
  connectors: Connectors;
  fingerprint: FingerprintClient | undefined;
  policies: Partial<Record<Vendor, VendorPolicy>>;
  modes: Record<Vendor, VendorMode>;
  close(): Promise<void>;
}

const HAS_CREDENTIALS: Record<Vendor, (config: Config) => boolean> = {
  FINGERPRINT: (c) => Boolean(c.fingerprint.apiKey),
  TRUSTDECISION: (c) => Boolean(c.trustDecision.partnerCode && c.trustDecision.partnerKey),
  FRIENDLY_CAPTCHA: (c) => Boolean(c.friendlyCaptcha.apiKey),
  DETECTIP: (c) => Boolean(c.detectIp.apiKey),
  HITPROBE: (c) => Boolean(c.hitprobe.secretKey),
};

/** How each vendor will be reached, from its credentials and `VENDOR_SIMULATOR`. */
export function vendorModes(config: Config): Record<Vendor, VendorMode> {
  const modes = {} as Record<Vendor, VendorMode>;
  for (const vendor of VENDORS) {
    const live = HAS_CREDENTIALS[vendor](config);
    const simulate = config.simulator.mode === 'all' || (config.simulator.mode === 'auto' && !live);
    modes[vendor] = simulate ? 'simulated' : live ? 'live' : 'not-configured';
  }
  return modes;
}

/**
 * The configuration each connector is built from: for simulated vendors, the simulator's URL and
 * credentials replace the configured ones (nothing else changes, so simulated runs exercise the
 * real clients).
 */
function effectiveConfig(config: Config, modes: Record<Vendor, VendorMode>, simulator: Simulator | undefined): Config {
  if (!simulator) return config;
  const credentials = simulator.credentials;
  const use = (vendor: Vendor) => modes[vendor] === 'simulated';
  return {
    ...config,
    fingerprint: use('FINGERPRINT')
      ? {
          ...config.fingerprint,
          apiUrl: simulator.baseUrl('FINGERPRINT'),
          apiKey: credentials.fingerprint.secretApiKey,
        }
      : config.fingerprint,
    trustDecision: use('TRUSTDECISION')
      ? { apiUrl: simulator.baseUrl('TRUSTDECISION'), ...credentials.trustDecision }
      : config.trustDecision,
    friendlyCaptcha: use('FRIENDLY_CAPTCHA')
      ? { apiUrl: simulator.baseUrl('FRIENDLY_CAPTCHA'), ...credentials.friendlyCaptcha }
      : config.friendlyCaptcha,
    detectIp: use('DETECTIP') ? { apiUrl: simulator.baseUrl('DETECTIP'), ...credentials.detectIp } : config.detectIp,
    hitprobe: use('HITPROBE') ? { apiUrl: simulator.baseUrl('HITPROBE'), ...credentials.hitprobe } : config.hitprobe,
  };
}

/** Shared HTTP settings of every vendor client. */
function transport(config: Config, vendor: Vendor) {
  return {
    connections: Math.min(config.vendorConnections, config.vendorTuning[vendor].concurrency),
    maxResponseBytes: 1024 * 1024,
    socketTimeoutMs: 10_000,
  };
}

/** Builds one connector and one resilience policy per reachable vendor. */
export function createVendors(
  config: Config,
  simulator: Simulator | undefined,
  events: PolicyEvents = {},
): VendorSetup {
  const modes = vendorModes(config);
  const effective = effectiveConfig(config, modes, simulator);
  const reachable = (vendor: Vendor) =>
    modes[vendor] !== 'not-configured' && (modes[vendor] !== 'simulated' || simulator);
  const connectors: Connectors = {};
  const policies: Partial<Record<Vendor, VendorPolicy>> = {};
  const ttlMs = (vendor: Vendor) => config.vendorTuning[vendor].cacheTtlSeconds * 1000;

  let fingerprint: FingerprintClient | undefined;
  if (reachable('FINGERPRINT')) {
    fingerprint = new FingerprintClient({
      ...transport(config, 'FINGERPRINT'),
      apiUrl: effective.fingerprint.apiUrl,
      apiKey: effective.fingerprint.apiKey ?? '',
      apiVersion: effective.fingerprint.apiVersion,
      sealedKeys: effective.fingerprint.sealedKeys,
      eventTtlMs: ttlMs('FINGERPRINT'),
    });
    connectors.FINGERPRINT = fingerprint;
  }
  if (reachable('TRUSTDECISION')) {
    connectors.TRUSTDECISION = new TrustDecisionClient({
      ...transport(config, 'TRUSTDECISION'),
      apiUrl: effective.trustDecision.apiUrl,
      partnerCode: effective.trustDecision.partnerCode ?? '',
      partnerKey: effective.trustDecision.partnerKey ?? '',
      ttlMs: ttlMs('TRUSTDECISION'),
    });
  }
  if (reachable('FRIENDLY_CAPTCHA')) {
    connectors.FRIENDLY_CAPTCHA = new FriendlyCaptchaClient({
      ...transport(config, 'FRIENDLY_CAPTCHA'),
      apiUrl: effective.friendlyCaptcha.apiUrl,
      apiKey: effective.friendlyCaptcha.apiKey ?? '',
      sitekey: effective.friendlyCaptcha.sitekey,
      maxTtlMs: ttlMs('FRIENDLY_CAPTCHA'),
    });
  }
  if (reachable('DETECTIP')) {
    connectors.DETECTIP = new DetectIpClient({
      ...transport(config, 'DETECTIP'),
      apiUrl: effective.detectIp.apiUrl,
      apiKey: effective.detectIp.apiKey ?? '',
      ttlMs: ttlMs('DETECTIP'),
    });
  }
  if (reachable('HITPROBE')) {
    connectors.HITPROBE = new HitprobeClient({
      ...transport(config, 'HITPROBE'),
      apiUrl: effective.hitprobe.apiUrl,
      secretKey: effective.hitprobe.secretKey ?? '',
      ttlMs: ttlMs('HITPROBE'),
    });
  }

  for (const vendor of Object.keys(connectors) as Vendor[]) {
    const tuning = config.vendorTuning[vendor];
    policies[vendor] = new VendorPolicy(
      {
        vendor,
        attemptTimeoutMs: tuning.timeoutMs,
        maxRetries: tuning.maxRetries,
        backoffBaseMs: 50,
        backoffCapMs: 1000,
        concurrency: tuning.concurrency,
        queueSize: tuning.concurrency * 8,
        rateLimit:
          tuning.rateLimitPerSecond > 0
            ? { perSecond: tuning.rateLimitPerSecond, burst: Math.max(1, tuning.rateLimitBurst) }
            : undefined,
        breakerThreshold: tuning.breakerThreshold,
        breakerCooldownMs: tuning.breakerCooldownMs,
      },
      events,
    );
  }

  return {
    connectors,
    fingerprint,
    policies,
    modes,
    async close() {
      await Promise.all(Object.values(connectors).map((connector: VendorConnector) => connector.close()));
    },
  };
}
