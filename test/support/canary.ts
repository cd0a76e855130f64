import { isIP } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.ts';
import { simulatorEnvironment } from '../../src/simulator/environment.ts';
import { SIMULATOR_CREDENTIALS, type Simulator } from '../../src/simulator/index.ts';
import { VENDORS } from '../../src/vendors/registry.ts';

/**
 * Canary secrets and a scanner that proves they never leave: configure the subgraph with the
 * canaries (`canaryEnv`), capture its pino output (`scanner.logger`), feed every response and error
 * to `scanner.inspect`, and assert `scanner.findings` is empty. Also tracks the tokens and IP
 * addresses a test sent, which may appear in neither logs nor errors.
 */

/** Real-looking, distinct and unmistakable secrets, one per credential a deployment holds. */
export const CANARY = {
  fingerprintSecretApiKey: 'CaNaRyFp7Qw2Lx9Vb4Nz8Kt1',
  trustDecisionPartnerCode: 'canary_partner_5e1d',
  trustDecisionPartnerKey: 'c4n4ry7d9e2f61a8b3c0d5e7f9a1b2c4',
  friendlyCaptchaApiKey: 'CNRYFC0A1B2C3D4E5F6G7H8J9K',
  detectIpApiKey: 'sk_live_canary_8f3a1c7e9b2d',
  hitprobeSecretKey: 'hp_canary_secret_3b9e7f1a5c2d',
  routerSecret: 'router-canary-0f9e8d7c6b5a4f3e2d1c',
} as const;

/** The simulator's own credentials: secrets too, as far as responses and logs are concerned. */
export const SIMULATOR_SECRETS: readonly string[] = [
  SIMULATOR_CREDENTIALS.fingerprint.secretApiKey,
  SIMULATOR_CREDENTIALS.trustDecision.partnerKey,
  SIMULATOR_CREDENTIALS.friendlyCaptcha.apiKey,
  SIMULATOR_CREDENTIALS.detectIp.apiKey,
  SIMULATOR_CREDENTIALS.hitprobe.secretKey,
];

const VENDOR_URLS = (simulator: Simulator) => ({
  VENDOR_SIMULATOR: 'off',
  FINGERPRINT_API_URL: simulator.baseUrl('FINGERPRINT'),
  TRUSTDECISION_API_URL: simulator.baseUrl('TRUSTDECISION'),
  FRIENDLYCAPTCHA_API_URL: simulator.baseUrl('FRIENDLY_CAPTCHA'),
  DETECTIP_API_URL: simulator.baseUrl('DETECTIP'),
  HITPROBE_API_URL: simulator.baseUrl('HITPROBE'),
});

/**
 * Every vendor pointed at the simulator with a canary credential: the subgraph sends the canaries,
 * the simulator rejects them with each vendor's real authentication error.
 */
export function canaryEnv(simulator: Simulator): Record<string, string> {
  return {
    ...VENDOR_URLS(simulator),
    FINGERPRINT_SECRET_API_KEY: CANARY.fingerprintSecretApiKey,
    TRUSTDECISION_PARTNER_CODE: CANARY.trustDecisionPartnerCode,
    TRUSTDECISION_PARTNER_KEY: CANARY.trustDecisionPartnerKey,
    FRIENDLYCAPTCHA_API_KEY: CANARY.friendlyCaptchaApiKey,
    DETECTIP_API_KEY: CANARY.detectIpApiKey,
    HITPROBE_SECRET_KEY: CANARY.hitprobeSecretKey,
  };
}

/** Every vendor pointed at the simulator with the credentials it accepts, configured as live ones. */
export function simulatorCredentialsEnv(simulator: Simulator): Record<string, string> {
  return simulatorEnvironment(simulator, VENDORS);
}

export interface Finding {
  /** Where it was seen, for example `log line 12` or `response to request 481`. */
  where: string;
  kind: 'secret' | 'token' | 'ip' | 'stack trace';
  /** The offending value, shortened. */
  value: string;
}

export interface InspectOptions {
  /** Also look for the tokens and IPs tracked with `track` (errors and logs; not data, which may echo ids). */
  tokens?: boolean;
  /** Look for these values (filtered as `track` filters them) instead of everything tracked. */
  values?: Iterable<string>;
  /** Also look for any IP address that is not loopback. */
  anyIp?: boolean;
}

/** Tokens shorter than this are too likely to occur by chance in ordinary text. */
const MIN_TRACKED_LENGTH = 8;
const MIN_TRACKED_IP_LENGTH = 7;
const LOOPBACK = new Set(['127.0.0.1', '0.0.0.0', '::1', '::']);
const IPV4_CANDIDATES = /\d{1,3}(?:\.\d{1,3}){3}/g;
const IPV6_CANDIDATES = /[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/g;
const STACK_TRACE = /\n\s+at\s|\bat\s+\S+\s+\((?:file:|node:|\/)[^)]*:\d+:\d+\)|"stacktrace"/;

export class CanaryScanner {
  /** Every line the subgraph logged through `logger`. */
  readonly lines: string[] = [];
  readonly findings: Finding[] = [];
  /** A pino logger at `trace` writing into `lines`: give it to `startApp`. */
  readonly logger: Logger;
  readonly #secrets: string[];
  readonly #tracked = new Set<string>();
  readonly #ignored: readonly string[];

  /**
   * @param secrets values that may appear nowhere
   * @param ignore text in which a tracked token may legitimately occur by chance (the schema SDL,
   *   our own messages); a tracked value found inside one of these is not tracked
   */
  constructor(secrets: readonly string[], ignore: readonly string[] = []) {
    this.#secrets = [...secrets];
    this.#ignored = ignore;
    const lines = this.lines;
    this.logger = createLogger(
      'trace',
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(line);
          callback();
        },
      }),
    );
  }

  /** Values the test sent (tokens, IP addresses) that must not come back in errors or logs. */
  track(values: Iterable<string>): void {
    for (const value of this.#trackable(values)) this.#tracked.add(value);
  }

  *#trackable(values: Iterable<string>): Iterable<string> {
    for (const value of values) {
      if (value.length < (isIP(value) === 0 ? MIN_TRACKED_LENGTH : MIN_TRACKED_IP_LENGTH)) continue;
      if (this.#ignored.some((text) => text.includes(value))) continue;
      yield value;
    }
  }

  /** Records what `text` leaks; returns the new findings. */
  inspect(where: string, text: string, options: InspectOptions = {}): Finding[] {
    const found: Finding[] = [];
    for (const secret of this.#secrets) {
      if (text.includes(secret)) found.push({ where, kind: 'secret', value: secret });
    }
    if (STACK_TRACE.test(text)) found.push({ where, kind: 'stack trace', value: excerpt(text, STACK_TRACE) });
    if (options.tokens || options.values) {
      const values = options.values ? this.#trackable(options.values) : this.#tracked;
      for (const value of values) {
        if (text.includes(value)) found.push({ where, kind: isIP(value) ? 'ip' : 'token', value: shorten(value) });
      }
    }
    if (options.anyIp) for (const ip of ipAddressesIn(text)) found.push({ where, kind: 'ip', value: ip });
    this.findings.push(...found);
    return found;
  }

  /** Inspects every captured log line for secrets, tracked values and IP addresses. */
  inspectLogs(): Finding[] {
    return this.lines.flatMap((line, index) =>
      this.inspect(`log line ${index + 1}`, line, { tokens: true, anyIp: true }),
    );
  }
}

/** IP addresses (not loopback) in free text. */
export function ipAddressesIn(text: string): string[] {
  const candidates = [...(text.match(IPV4_CANDIDATES) ?? []), ...(text.match(IPV6_CANDIDATES) ?? [])];
  return candidates.filter((candidate) => isIP(candidate) !== 0 && !LOOPBACK.has(candidate));
}

function shorten(value: string): string {
  return value.length > 40 ? `${value.slice(0, 37)}...` : value;
}

function excerpt(text: string, pattern: RegExp): string {
  const index = text.search(pattern);
  return shorten(text.slice(Math.max(0, index), index + 60));
}
