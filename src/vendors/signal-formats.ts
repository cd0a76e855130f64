/** Printable ASCII without spaces: what every vendor token observed so far consists of. */
export const PRINTABLE_TOKEN = /^[\x21-\x7E]+$/;
