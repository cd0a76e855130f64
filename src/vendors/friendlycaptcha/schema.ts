import type { z } from 'zod';
import { bool, int, numericString, obj, root, str, text } from '../tolerant.ts';

/**
 * Tolerant schema of Friendly Captcha's `POST /api/v2/riskIntelligence/retrieve` answer
 * (docs/vendors/friendlycaptcha.md). Every module-gated object may be null *or* absent (both parse
 * to undefined); risk scores are integers 0 (unknown) to 5 (very high); empty strings mean "unknown".
 */

export const networkShape = {
  ip: text,
  // The field reference, SDK types and fixtures say `number`; the docs' JSON examples say `asn`.
  as: obj({
    number: numericString,
    asn: numericString,
    name: text,
    company: text,
    description: text,
    domain: text,
    country: text,
    rir: text,
    route: text,
    type: text,
  }),
  geolocation: obj({
    country: obj({ iso2: text, iso3: text, name: text, name_native: text, region: text, subregion: text }),
    city: text,
    state: text,
  }),
  abuse_contact: obj({ address: text, name: text, email: text, phone: text }),
  anonymization: obj({ vpn_score: int, proxy_score: int, tor: bool, icloud_private_relay: bool }),
};

export const clientShape = {
  header_user_agent: text,
  time_zone: obj({ name: text, country_iso2: text }),
  browser: obj({ id: text, name: text, version: text, release_date: text }),
  browser_engine: obj({ id: text, name: text, version: text }),
  device: obj({ type: text, brand: text, model: text }),
  os: obj({ id: text, name: text, version: text }),
  tls_signature: obj({ ja3: text, ja3n: text, ja4: text }),
  automation: obj({
    automation_tool: obj({ detected: bool, id: text, name: text, type: text }),
    known_bot: obj({ detected: bool, id: text, name: text, type: text, url: text }),
    // Removed from the SDK types in 2026 (commit 69a2073); honoured if the API still sends it.
    headless: bool,
  }),
};

export const riskIntelligenceShape = {
  risk_scores: obj({ overall: int, network: int, browser: int }),
  network: obj(networkShape),
  client: obj(clientShape),
};

export const retrieveShape = {
  success: bool,
  data: obj({
    event_id: text,
    token: obj({ timestamp: text, expires_at: text, num_uses: int, origin: text }),
    risk_intelligence: obj(riskIntelligenceShape),
  }),
  // `detail` is "mainly intended for Friendly Captcha staff": never parsed, never shown.
  error: obj({ error_code: text, detail: str }),
};

export const retrieveSchema = root(retrieveShape);
export type RetrieveResponse = z.output<typeof retrieveSchema>;
export type RetrieveData = NonNullable<RetrieveResponse['data']>;
export type RiskIntelligence = NonNullable<RetrieveData['risk_intelligence']>;
