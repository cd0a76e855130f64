import type { FpBotInfo, FpEvent } from './event.ts';

/**
 * Answers Fingerprint publishes examples of but no persona would produce on its own, reachable by
 * token convention: an event id ending in `_<variant>` (`cleanweb-000001_botdfailed`) gets the
 * event of its token with that variant applied. The README's token table lists them.
 */
export const VARIANTS = [
  'identificationfailed',
  'identification429',
  'botdfailed',
  'botd429',
  'toomanyrequests',
  'allfailed',
  'goodbot',
  'spoofedbot',
  'unknownenums',
  'edge',
] as const;
export type Variant = (typeof VARIANTS)[number];

export function variantOf(eventId: string): Variant | undefined {
  const suffix = /_([a-z0-9]+)$/.exec(eventId)?.[1];
  return VARIANTS.find((variant) => variant === suffix);
}

/**
 * v3 products that fail in a variant, with their error codes (`*`: every product), as in the
 * vendor's `get_event_200_*_error.json` examples. v4 has no partial answers: the same variants
 * are HTTP errors there.
 */
export const PRODUCT_FAILURES: Partial<Record<Variant, Readonly<Record<string, string>>>> = {
  identificationfailed: { identification: 'Failed' },
  identification429: { identification: '429 Too Many Requests' },
  botdfailed: { botd: 'Failed' },
  botd429: { botd: 'TooManyRequests' },
  toomanyrequests: { identification: '429 Too Many Requests', botd: 'TooManyRequests' },
  allfailed: { '*': 'Failed' },
};

/** Which v3 rate-limit codes a failure contains (then v4 answers 429, else 500). */
export function isRateLimit(code: string): boolean {
  return code === 'TooManyRequests' || code === '429 Too Many Requests';
}

/** A search engine crawler whose identity Fingerprint verified. */
const CRAWLER: FpBotInfo = {
  category: 'search_engine_crawler',
  name: 'Googlebot',
  provider: 'Google',
  providerUrl: 'https://www.google.com',
  identity: 'verified',
  confidence: 'high',
};

/** The event as the variant has it (browser events only for bot variants: bots are browsers). */
export function withVariant(event: FpEvent, variant: Variant | undefined): FpEvent {
  if (!event.web) return event;
  if (variant === 'goodbot') {
    return { ...event, web: { ...event.web, bot: 'good', botType: 'googlebot', botInfo: CRAWLER } };
  }
  if (variant === 'spoofedbot') {
    // Claims to be a well-known crawler from a network that is not the crawler's.
    const botInfo: FpBotInfo = { ...CRAWLER, identity: 'spoofed', confidence: 'medium' };
    return { ...event, web: { ...event.web, bot: 'bad', botType: 'googlebot', botInfo } };
  }
  return event;
}
