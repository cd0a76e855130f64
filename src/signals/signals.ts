/** The tokens of one user action, as given in `SignalsInput` (already validated). */
export interface Signals {
  fingerprintEventId?: string;
  fingerprintSealedResult?: string;
  trustDecisionBlackBox?: string;
  friendlyCaptchaToken?: string;
  detectIpToken?: string;
  hitprobeProbeId?: string;
  ip?: string;
}

/** The signal fields in a fixed order. The order is part of the `Event.id` encoding: append only. */
export const SIGNAL_FIELDS = [
  'fingerprintEventId',
  'fingerprintSealedResult',
  'trustDecisionBlackBox',
  'friendlyCaptchaToken',
  'detectIpToken',
  'hitprobeProbeId',
  'ip',
] as const satisfies readonly (keyof Signals)[];
