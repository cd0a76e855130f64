/** Friendly Captcha's own view of a token: the fields of the GraphQL `FriendlyCaptchaRiskIntelligence` type. */
export interface FriendlyCaptchaView {
  eventId: string | null;
  tokenCreatedAt: string | null;
  tokenExpiresAt: string | null;
  tokenUses: number | null;
  origin: string | null;
  riskScores: FriendlyCaptchaRiskScores | null;
  network: FriendlyCaptchaNetwork | null;
  client: FriendlyCaptchaClient | null;
  raw: unknown;
}

/** GraphQL `FriendlyCaptchaRiskScores`: 0 (unknown) through 1 (very low) to 5 (very high). */
export interface FriendlyCaptchaRiskScores {
  overall: number | null;
  network: number | null;
  browser: number | null;
}

/** GraphQL `FriendlyCaptchaNetwork`. */
export interface FriendlyCaptchaNetwork {
  ip: string | null;
  asNumber: string | null;
  asName: string | null;
  asCompany: string | null;
  asDomain: string | null;
  asDescription: string | null;
  asCountry: string | null;
  asType: string | null;
  countryCode: string | null;
  countryName: string | null;
  state: string | null;
  city: string | null;
  vpnScore: number | null;
  proxyScore: number | null;
  tor: boolean | null;
  icloudPrivateRelay: boolean | null;
}

/** GraphQL `FriendlyCaptchaClient`. */
export interface FriendlyCaptchaClient {
  userAgent: string | null;
  timeZone: string | null;
  timeZoneCountry: string | null;
  browserId: string | null;
  browserName: string | null;
  browserVersion: string | null;
  browserReleaseDate: string | null;
  engineId: string | null;
  engineName: string | null;
  engineVersion: string | null;
  deviceType: string | null;
  deviceBrand: string | null;
  deviceModel: string | null;
  osId: string | null;
  osName: string | null;
  osVersion: string | null;
  ja3: string | null;
  ja3n: string | null;
  ja4: string | null;
  automationDetected: boolean | null;
  automationToolId: string | null;
  automationToolName: string | null;
  automationToolType: string | null;
  knownBotDetected: boolean | null;
  knownBotId: string | null;
  knownBotName: string | null;
  knownBotType: string | null;
}
