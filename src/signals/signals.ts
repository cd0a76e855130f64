/**
 * The tokens of one user action, as given in `SignalsInput` (already validated), by field name:
 * each vendor's token fields (its descriptor's `signals`) and `ip`. Absent fields were not given.
 */
export interface Signals {
  readonly [field: string]: string | undefined;
}

/** The one signal that is not a vendor's token: the client IP address the backend saw. */
export const IP_FIELD = 'ip';
