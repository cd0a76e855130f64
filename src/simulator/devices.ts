import { z } from 'zod';
import devicesJson from './data/devices.json' with { type: 'json' };
import { parseData, resolving, SimulatorDataError } from './data.ts';

/**
 * The hardware and software simulated people use (`data/devices.json`): browsers, with what each
 * vendor derives from them (user agent, navigator values, TLS fingerprint, ua-parser fields), and
 * phones for app traffic. One entry describes one consistent client, so every vendor reports the
 * same browser, OS and device for a persona.
 */

const text = z.string().min(1);
const screen = z.tuple([z.int().positive(), z.int().positive()]);

const webClientSchema = z.strictObject({
  /** Share of ordinary web users on this browser; 0: only where a persona names it. */
  weight: z.number().min(0),
  browser: z.strictObject({
    name: text,
    /** Friendly Captcha's browser id (`chrome`, `safari_ios`…). */
    id: text,
    major: text,
    full: text,
    releaseDate: z.iso.date(),
  }),
  engine: z.strictObject({ id: text, name: text, version: text }),
  os: z.strictObject({
    /** Name as Fingerprint and ua-parser print it (`Windows`, `Mac OS X`, `iOS`). */
    name: text,
    version: z.string(),
    /** Friendly Captcha's OS id and name (`macos`, `macOS`). */
    id: text,
    displayName: text,
  }),
  device: z.strictObject({
    type: z.enum(['desktop', 'mobile']),
    brand: z.string(),
    model: z.string(),
    /** Fingerprint's UA-derived `device` (`Other` for desktops). */
    family: text,
  }),
  userAgent: text,
  navigatorPlatform: text,
  /** `navigator.vendor`; empty for Firefox. */
  vendor: z.string(),
  /** Whether the browser exposes `navigator.deviceMemory` (Chromium only). */
  exposesMemory: z.boolean(),
  ja4: text,
  /** The key of its screen sizes (CSS pixels) in `screens`. */
  screens: text,
});

const phoneSchema = z.strictObject({
  platform: z.enum(['android', 'ios']),
  /** Brand as the OS reports it (`samsung`, `google`, `Apple`). */
  brand: text,
  /** Model identifier (`SM-S921B`, `iPhone15,4`). */
  model: text,
  marketingName: text,
  /** Android `Build.DEVICE`; `iPhone` on iOS. */
  deviceName: text,
  osVersion: text,
  apiLevel: z.string(),
  hardware: text,
  cpu: text,
  screen,
  memoryGb: z.number().positive(),
  storageGb: z.number().positive(),
  /** An emulator image rather than a phone (only personas that run one get it). */
  emulator: z.boolean(),
});

const devicesSchema = z
  .strictObject({
    screens: z.record(text, z.array(screen).min(1)),
    webClients: z.record(text, webClientSchema),
    /** Browser-automation frameworks bots are built with. */
    automationTools: z
      .array(
        z.strictObject({
          /** Friendly Captcha's automation tool id and name. */
          id: text,
          name: text,
          /** Fingerprint's `bot_type` (v3 `botd.bot.type`). */
          botType: text,
        }),
      )
      .min(1),
    phones: z.record(text, phoneSchema),
    /** The app the simulated phones run (package name on Android, bundle id on iOS). */
    app: z.strictObject({ name: text, id: text, version: text }),
  })
  .transform(
    resolving((raw, ref) => ({
      ...raw,
      webClients: Object.fromEntries(
        Object.entries(raw.webClients).map(([key, client]) => [
          key,
          { ...client, key, screens: ref(raw.screens, client.screens, ['webClients', key, 'screens']) },
        ]),
      ),
    })),
  );

type Devices = z.output<typeof devicesSchema>;
export type WebClient = Devices['webClients'][string];
export type NativeDevice = z.output<typeof phoneSchema>;
export type AutomationTool = Devices['automationTools'][number];

/** Validates the content of `data/devices.json` and resolves its references. */
export function parseDevices(json: unknown) {
  return parseData('data/devices.json', json, devicesSchema);
}

const DEVICES = parseDevices(devicesJson);

/** Browsers and phones by their key in `data/devices.json`, for named personas. */
export const WEB_CLIENTS_BY_KEY: Readonly<Record<string, WebClient>> = DEVICES.webClients;
export const PHONES: Readonly<Record<string, NativeDevice>> = DEVICES.phones;

/** Desktop and mobile browsers people use, weighted roughly by market share. */
export const WEB_CLIENTS: readonly (readonly [WebClient, number])[] = Object.values(DEVICES.webClients).flatMap(
  (client) => (client.weight > 0 ? [[client, client.weight] as const] : []),
);
export const AUTOMATION_TOOLS: readonly AutomationTool[] = DEVICES.automationTools;
export const ANDROID_PHONES = phonesOf('android');
export const IOS_PHONES = phonesOf('ios');
/** The Android Studio emulator image fraud farms run apps in. */
export const ANDROID_EMULATOR = emulator();
export const APP: Devices['app'] = DEVICES.app;

/** Browsers with a role in drawn personas: phones' own browsers, headless bots, Tor Browser. */
export const CHROME_ANDROID = webClient('chrome-android');
export const SAFARI_IOS = webClient('safari-ios');
/** Headless Chrome as scrapers and credential stuffers run it in the cloud. */
export const HEADLESS_CHROME = webClient('headless-chrome');
/** What Tor Browser looks like (it is Firefox ESR and claims Windows). */
export const FIREFOX_WINDOWS = webClient('firefox-windows');

/** The HTTP user agent of the app's network stack, as mobile SDKs report it. */
export function appUserAgent(device: NativeDevice): string {
  return device.platform === 'android'
    ? `Dalvik/2.1.0 (Linux; U; Android ${device.osVersion}; ${device.model} Build/AP2A.240805.005)`
    : `${APP.name}/${APP.version} (${device.model}; iOS ${device.osVersion}; Scale/3.00)`;
}

function webClient(key: string): WebClient {
  const client = DEVICES.webClients[key];
  if (!client) throw new SimulatorDataError(`data/devices.json has no web client "${key}"`);
  return client;
}

function phonesOf(platform: NativeDevice['platform']): readonly NativeDevice[] {
  const phones = Object.values(DEVICES.phones).filter((phone) => phone.platform === platform && !phone.emulator);
  if (phones.length === 0) throw new SimulatorDataError(`data/devices.json has no ${platform} phone`);
  return phones;
}

function emulator(): NativeDevice {
  const image = Object.values(DEVICES.phones).find((phone) => phone.platform === 'android' && phone.emulator);
  if (!image) throw new SimulatorDataError('data/devices.json has no Android emulator');
  return image;
}
