/** TrustDecision's own view of a device: the fields of the GraphQL `TrustDecisionDevice` type. */
export interface TrustDecisionView {
  deviceId: string | null;
  deviceOs: string | null;
  channel: string | null;
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

/** GraphQL `TrustDecisionDeviceDetail`: the fields of the Android, iOS and Web variants. */
export interface TrustDecisionDeviceDetail {
  ip: string | null;
  appVersion: string | null;
  systemVersion: string | null;
  apiVersion: string | null;
  sdkVersion: string | null;
  model: string | null;
  brand: string | null;
  deviceName: string | null;
  networkType: string | null;
  timeZone: string | null;
  timeZoneDistrict: string | null;
  startupTime: string | null;
  upTimeMs: number | null;
  chargeState: string | null;
  batteryLevel: number | null;
  screenResolution: string | null;
  screenBrightness: number | null;
  totalMemoryBytes: number | null;
  availableMemoryBytes: number | null;
  totalStorageBytes: number | null;
  availableStorageBytes: number | null;
  gps: TrustDecisionGps | null;
  language: string | null;
  carrier: string | null;
  simOperator: string | null;
  mcc: string[];
  mnc: string[];
  countryIso: string | null;
  wifiIp: string | null;
  cellIp: string | null;
  vpnIp: string | null;
  ipv6: string | null;
  dnsAddress: string | null;
  proxyInfo: string | null;
  ssid: string | null;
  bssid: string | null;
  androidId: string | null;
  hardware: string | null;
  product: string | null;
  host: string | null;
  deviceSvn: string | null;
  cpuHardware: string | null;
  cpuType: string | null;
  basebandVersion: string | null;
  packageName: string | null;
  bundleId: string | null;
  signMd5: string | null;
  installedPackages: TrustDecisionPackage[];
  runningPackages: string[];
  browserName: string | null;
  browserVersion: string | null;
  userAgent: string | null;
  os: string | null;
  deviceType: string | null;
  referer: string | null;
  canvas: string | null;
}

/** GraphQL `TrustDecisionGps`: where the device's own location services place it. */
export interface TrustDecisionGps {
  latitude: number | null;
  longitude: number | null;
  address: string | null;
  city: string | null;
  province: string | null;
  township: string | null;
}

/** GraphQL `TrustDecisionPackage`: an app installed on the device. */
export interface TrustDecisionPackage {
  package: string;
  name: string | null;
}
