/**
 * The hardware and software simulated people use: browsers (with what each vendor derives from
 * them: user agent, navigator values, TLS fingerprint, ua-parser fields) and phones for app
 * traffic. One entry describes one consistent client, so every vendor reports the same browser,
 * OS and device for a persona.
 */

export interface WebClient {
  /** Stable key; seeds per-client values such as the JA3 hash. */
  key: string;
  browser: {
    name: string;
    /** Friendly Captcha's browser id (`chrome`, `safari_ios`…). */
    id: string;
    major: string;
    full: string;
    releaseDate: string;
  };
  engine: { id: string; name: string; version: string };
  os: {
    /** Name as Fingerprint and ua-parser print it (`Windows`, `Mac OS X`, `iOS`). */
    name: string;
    version: string;
    /** Friendly Captcha's OS id and name (`macos`, `macOS`). */
    id: string;
    displayName: string;
  };
  device: {
    type: 'desktop' | 'mobile';
    brand: string;
    model: string;
    /** Fingerprint's UA-derived `device` (`Other` for desktops). */
    family: string;
  };
  userAgent: string;
  navigatorPlatform: string;
  /** `navigator.vendor`; empty for Firefox. */
  vendor: string;
  /** Whether the browser exposes `navigator.deviceMemory` (Chromium only). */
  exposesMemory: boolean;
  screens: readonly (readonly [number, number])[];
  ja4: string;
}

const DESKTOP_SCREENS = [
  [1920, 1080],
  [2560, 1440],
  [1536, 864],
  [1366, 768],
  [3440, 1440],
] as const;
const MAC_SCREENS = [
  [1440, 900],
  [1512, 982],
  [1728, 1117],
  [2560, 1440],
] as const;
const CHROME_JA4 = 't13d1516h2_8daaf6152771_02713d6af862';
const WINDOWS = { name: 'Windows', version: '10', id: 'windows', displayName: 'Windows' };
const MACOS = { name: 'Mac OS X', version: '10.15.7', id: 'macos', displayName: 'macOS' };
const PC = { type: 'desktop', brand: '', model: '', family: 'Other' } as const;
const MAC = { type: 'desktop', brand: 'Apple', model: 'Mac', family: 'Other' } as const;

export const CHROME_WINDOWS: WebClient = {
  key: 'chrome-windows',
  browser: { name: 'Chrome', id: 'chrome', major: '131', full: '131.0.6778.86', releaseDate: '2024-11-12' },
  engine: { id: 'blink', name: 'Blink', version: '131.0' },
  os: WINDOWS,
  device: PC,
  userAgent:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  navigatorPlatform: 'Win32',
  vendor: 'Google Inc.',
  exposesMemory: true,
  screens: DESKTOP_SCREENS,
  ja4: CHROME_JA4,
};

const EDGE_WINDOWS: WebClient = {
  key: 'edge-windows',
  browser: { name: 'Edge', id: 'edge', major: '131', full: '131.0.2903.70', releaseDate: '2024-11-14' },
  engine: { id: 'blink', name: 'Blink', version: '131.0' },
  os: WINDOWS,
  device: PC,
  userAgent:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  navigatorPlatform: 'Win32',
  vendor: 'Google Inc.',
  exposesMemory: true,
  screens: DESKTOP_SCREENS,
  ja4: CHROME_JA4,
};

/** Also what Tor Browser looks like (it is Firefox ESR and claims Windows). */
export const FIREFOX_WINDOWS: WebClient = {
  key: 'firefox-windows',
  browser: { name: 'Firefox', id: 'firefox', major: '133', full: '133.0', releaseDate: '2024-11-26' },
  engine: { id: 'gecko', name: 'Gecko', version: '133.0' },
  os: WINDOWS,
  device: PC,
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  navigatorPlatform: 'Win32',
  vendor: '',
  exposesMemory: false,
  screens: DESKTOP_SCREENS,
  ja4: 't13d1715h2_5b57614c22b0_3d5424432f57',
};

const CHROME_MAC: WebClient = {
  key: 'chrome-mac',
  browser: { name: 'Chrome', id: 'chrome', major: '130', full: '130.0.6723.117', releaseDate: '2024-10-15' },
  engine: { id: 'blink', name: 'Blink', version: '130.0' },
  os: MACOS,
  device: MAC,
  userAgent:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
  navigatorPlatform: 'MacIntel',
  vendor: 'Google Inc.',
  exposesMemory: true,
  screens: MAC_SCREENS,
  ja4: CHROME_JA4,
};

const SAFARI_MAC: WebClient = {
  key: 'safari-mac',
  browser: { name: 'Safari', id: 'safari', major: '18', full: '18.1', releaseDate: '2024-10-28' },
  engine: { id: 'webkit', name: 'WebKit', version: '605.1.15' },
  os: MACOS,
  device: MAC,
  userAgent:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  navigatorPlatform: 'MacIntel',
  vendor: 'Apple Computer, Inc.',
  exposesMemory: false,
  screens: MAC_SCREENS,
  ja4: 't13d2014h2_a09f3c656075_14788d8d241b',
};

const CHROME_LINUX: WebClient = {
  key: 'chrome-linux',
  browser: { name: 'Chrome', id: 'chrome', major: '131', full: '131.0.6778.85', releaseDate: '2024-11-12' },
  engine: { id: 'blink', name: 'Blink', version: '131.0' },
  os: { name: 'Linux', version: '', id: 'linux', displayName: 'Linux' },
  device: PC,
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  navigatorPlatform: 'Linux x86_64',
  vendor: 'Google Inc.',
  exposesMemory: true,
  screens: DESKTOP_SCREENS,
  ja4: CHROME_JA4,
};

/** The browser of Android phones (also the web view of the phones in `ANDROID_DEVICES`). */
export const CHROME_ANDROID: WebClient = {
  key: 'chrome-android',
  browser: {
    name: 'Chrome Mobile',
    id: 'chrome_android',
    major: '131',
    full: '131.0.6778.81',
    releaseDate: '2024-11-12',
  },
  engine: { id: 'blink', name: 'Blink', version: '131.0' },
  os: { name: 'Android', version: '10', id: 'android', displayName: 'Android' },
  // Chrome's reduced user agent names every phone "K" on Android "10".
  device: { type: 'mobile', brand: 'Generic_Android', model: 'K', family: 'K' },
  userAgent:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  navigatorPlatform: 'Linux armv81',
  vendor: 'Google Inc.',
  exposesMemory: true,
  screens: [
    [412, 915],
    [393, 873],
    [360, 800],
    [384, 854],
  ],
  ja4: CHROME_JA4,
};

/** The browser of iPhones. */
export const SAFARI_IOS: WebClient = {
  key: 'safari-ios',
  browser: { name: 'Mobile Safari', id: 'safari_ios', major: '18', full: '18.1', releaseDate: '2024-10-28' },
  engine: { id: 'webkit', name: 'WebKit', version: '605.1.15' },
  os: { name: 'iOS', version: '18.1', id: 'ios', displayName: 'iOS' },
  device: { type: 'mobile', brand: 'Apple', model: 'iPhone', family: 'iPhone' },
  userAgent:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  navigatorPlatform: 'iPhone',
  vendor: 'Apple Computer, Inc.',
  exposesMemory: false,
  screens: [
    [390, 844],
    [393, 852],
    [430, 932],
    [375, 667],
  ],
  ja4: 't13d2014h2_a09f3c656075_14788d8d241b',
};

/** Headless Chrome as scrapers and credential stuffers run it in the cloud. */
export const HEADLESS_CHROME: WebClient = {
  key: 'headless-chrome',
  browser: { name: 'HeadlessChrome', id: 'chrome', major: '131', full: '131.0.6778.69', releaseDate: '2024-11-12' },
  engine: { id: 'blink', name: 'Blink', version: '131.0' },
  os: { name: 'Linux', version: '', id: 'linux', displayName: 'Linux' },
  device: PC,
  userAgent:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
  navigatorPlatform: 'Linux x86_64',
  vendor: 'Google Inc.',
  exposesMemory: true,
  screens: [
    [800, 600],
    [1280, 720],
    [1920, 1080],
  ],
  ja4: 't13d1516h2_8daaf6152771_e5627efa2ab1',
};

/** Desktop and mobile browsers people use, weighted roughly by market share. */
export const WEB_CLIENTS: readonly (readonly [WebClient, number])[] = [
  [CHROME_WINDOWS, 30],
  [EDGE_WINDOWS, 8],
  [FIREFOX_WINDOWS, 5],
  [CHROME_MAC, 10],
  [SAFARI_MAC, 8],
  [CHROME_LINUX, 2],
  [CHROME_ANDROID, 22],
  [SAFARI_IOS, 15],
];

/** Browser-automation frameworks bots are built with. */
export interface AutomationTool {
  /** Friendly Captcha's automation tool id and name. */
  id: string;
  name: string;
  /** Fingerprint's `bot_type` (v3 `botd.bot.type`). */
  botType: string;
}

export const AUTOMATION_TOOLS: readonly AutomationTool[] = [
  { id: 'puppeteer', name: 'Puppeteer', botType: 'puppeteer' },
  { id: 'playwright', name: 'Playwright', botType: 'playwright' },
  { id: 'selenium', name: 'Selenium', botType: 'selenium' },
];

export interface NativeDevice {
  platform: 'android' | 'ios';
  /** Brand as the OS reports it (`samsung`, `Redmi`, `Apple`). */
  brand: string;
  /** Model identifier (`SM-S921B`, `iPhone15,4`). */
  model: string;
  marketingName: string;
  /** Android `Build.DEVICE`; `iPhone` on iOS. */
  deviceName: string;
  osVersion: string;
  apiLevel: string;
  hardware: string;
  cpu: string;
  screen: readonly [number, number];
  memoryGb: number;
  storageGb: number;
  /** An emulator image rather than a phone. */
  emulator: boolean;
}

export const ANDROID_DEVICES: readonly NativeDevice[] = [
  {
    platform: 'android',
    brand: 'google',
    model: 'Pixel 8',
    marketingName: 'Pixel 8',
    deviceName: 'shiba',
    osVersion: '14',
    apiLevel: '34',
    hardware: 'zuma',
    cpu: 'Google Tensor G3',
    screen: [1080, 2400],
    memoryGb: 8,
    storageGb: 128,
    emulator: false,
  },
  {
    platform: 'android',
    brand: 'samsung',
    model: 'SM-S921B',
    marketingName: 'Galaxy S24',
    deviceName: 'e1s',
    osVersion: '14',
    apiLevel: '34',
    hardware: 's5e9945',
    cpu: 'Exynos 2400',
    screen: [1080, 2340],
    memoryGb: 8,
    storageGb: 256,
    emulator: false,
  },
  {
    platform: 'android',
    brand: 'Redmi',
    model: '23124RA7EO',
    marketingName: 'Redmi Note 13',
    deviceName: 'sapphire',
    osVersion: '13',
    apiLevel: '33',
    hardware: 'qcom',
    cpu: 'Qualcomm SM6225',
    screen: [1080, 2400],
    memoryGb: 6,
    storageGb: 128,
    emulator: false,
  },
  {
    platform: 'android',
    brand: 'OnePlus',
    model: 'CPH2581',
    marketingName: 'OnePlus 12',
    deviceName: 'OP595DL1',
    osVersion: '14',
    apiLevel: '34',
    hardware: 'qcom',
    cpu: 'Snapdragon 8 Gen 3',
    screen: [1440, 3168],
    memoryGb: 12,
    storageGb: 256,
    emulator: false,
  },
];

/** The Android Studio emulator image fraud farms run apps in. */
export const ANDROID_EMULATOR: NativeDevice = {
  platform: 'android',
  brand: 'google',
  model: 'sdk_gphone64_x86_64',
  marketingName: 'sdk_gphone64_x86_64',
  deviceName: 'emu64xa',
  osVersion: '14',
  apiLevel: '34',
  hardware: 'ranchu',
  cpu: 'Intel(R) Core(TM) i7-10700 CPU @ 2.90GHz',
  screen: [1080, 2400],
  memoryGb: 4,
  storageGb: 8,
  emulator: true,
};

export const IOS_DEVICES: readonly NativeDevice[] = [
  {
    platform: 'ios',
    brand: 'Apple',
    model: 'iPhone15,4',
    marketingName: 'iPhone 15',
    deviceName: 'iPhone',
    osVersion: '17.5.1',
    apiLevel: '',
    hardware: 'D37AP',
    cpu: 'Apple A16 Bionic',
    screen: [1179, 2556],
    memoryGb: 6,
    storageGb: 128,
    emulator: false,
  },
  {
    platform: 'ios',
    brand: 'Apple',
    model: 'iPhone16,2',
    marketingName: 'iPhone 15 Pro Max',
    deviceName: 'iPhone',
    osVersion: '18.1',
    apiLevel: '',
    hardware: 'D84AP',
    cpu: 'Apple A17 Pro',
    screen: [1290, 2796],
    memoryGb: 8,
    storageGb: 256,
    emulator: false,
  },
  {
    platform: 'ios',
    brand: 'Apple',
    model: 'iPhone14,5',
    marketingName: 'iPhone 13',
    deviceName: 'iPhone',
    osVersion: '16.7.10',
    apiLevel: '',
    hardware: 'D17AP',
    cpu: 'Apple A15 Bionic',
    screen: [1170, 2532],
    memoryGb: 4,
    storageGb: 128,
    emulator: false,
  },
  {
    platform: 'ios',
    brand: 'Apple',
    model: 'iPhone14,6',
    marketingName: 'iPhone SE (3rd generation)',
    deviceName: 'iPhone',
    osVersion: '17.6.1',
    apiLevel: '',
    hardware: 'D49AP',
    cpu: 'Apple A15 Bionic',
    screen: [750, 1334],
    memoryGb: 4,
    storageGb: 64,
    emulator: false,
  },
];

/** The app the simulated phones run (package name on Android, bundle id on iOS). */
export const APP = { name: 'ShopApp', id: 'com.example.shop', version: '5.12.0' } as const;

/** The HTTP user agent of the app's network stack, as mobile SDKs report it. */
export function appUserAgent(device: NativeDevice): string {
  return device.platform === 'android'
    ? `Dalvik/2.1.0 (Linux; U; Android ${device.osVersion}; ${device.model} Build/AP2A.240805.005)`
    : `${APP.name}/${APP.version} (${device.model}; iOS ${device.osVersion}; Scale/3.00)`;
}
