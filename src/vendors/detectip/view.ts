/** detectip.ai's own verdict: the fields of the GraphQL `DetectIpVerdict` type. */
export interface DetectIpView {
  score: number | null;
  band: DetectIpBand | null;
  bandValue: string | null;
  hardRuleHit: string | null;
  action: DetectIpAction | null;
  signals: DetectIpSignal[];
  ja4: string | null;
  ipDatacenter: boolean | null;
  ipProxy: boolean | null;
  ipCountry: string | null;
  raw: unknown;
}

export type DetectIpBand = 'HUMAN' | 'SUSPICIOUS' | 'AUTOMATED' | 'KNOWN_BOT' | 'UNKNOWN';
export type DetectIpAction = 'ALLOW' | 'CHALLENGE' | 'BLOCK' | 'UNKNOWN';

/** GraphQL `DetectIpSignal`. */
export interface DetectIpSignal {
  name: string;
  layer: string | null;
  llr: number | null;
  detail: string | null;
}
