/** TrustDecision's own view of a device: the fields of the GraphQL `TrustDecisionDevice` type. */
export interface TrustDecisionView {
  deviceId: string | null;
  deviceOs: string | null;
  sequenceId: string | null;
  riskScore: number | null;
  riskLabels: string[];
  installedRiskTools: string[];
  runningRiskTools: string[];
  ipLocation: TrustDecisionIpLocation | null;
  detail: TrustDecisionDeviceDetail | null;
  raw: unknown;
}

/** GraphQL `TrustDecisionIpLocation`. */
export interface TrustDecisionIpLocation {
  continent: string | null;
  country: string | null;
  countryCode: string | null;
  region: string | null;
  city: string | null;
}

/** GraphQL `TrustDecisionDeviceDetail`: selected fields of the Android, iOS and Web variants. */
export interface TrustDecisionDeviceDetail {
  ip: string | null;
  appVersion: string | null;
  systemVersion: string | null;
  model: string | null;
  brand: string | null;
  deviceName: string | null;
  networkType: string | null;
  timeZone: string | null;
  timeZoneDistrict: string | null;
  screenResolution: string | null;
  language: string | null;
  carrier: string | null;
  packageName: string | null;
  bundleId: string | null;
  browserName: string | null;
  browserVersion: string | null;
  userAgent: string | null;
  os: string | null;
}
