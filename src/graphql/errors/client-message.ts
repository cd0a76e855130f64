/**
 * Error messages as clients see them. graphql-js writes messages for developers: they echo the
 * rejected value (a token, an IP, a whole `SignalsInput`) and suggest schema names ("Did you mean
 * …?"). Echoed values end up in routers' and clients' logs; suggestions let a stranger map the
 * schema with introspection off. This module rewrites the known shapes; messages we write
 * ourselves never contain either.
 */

export interface ClientMessageOptions {
  /** Keep "Did you mean …?" hints (development). */
  suggestions: boolean;
}

const SUGGESTION = / ?Did you mean [^?]*\?/g;

/** `Variable "$signals" got invalid value <value>[ at "signals.ip"]; <reason>` (graphql-js 16). */
const VARIABLE_VALUE = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" got invalid value /;

/** A path graphql-js prints after the value: only schema field names and list indexes. */
const VARIABLE_PATH = / at "([_A-Za-z][_0-9A-Za-z]*(?:\.[_A-Za-z][_0-9A-Za-z]*|\[\d+\])*)"$/;

/**
 * @param message the message about to be sent
 * @param cause the message of the error graphql-js wrapped (for variable errors, the reason alone)
 */
export function clientMessage(message: string, cause: string | undefined, options: ClientMessageOptions): string {
  const safe = withoutValues(message, cause);
  return options.suggestions ? safe : safe.replace(SUGGESTION, '');
}

function withoutValues(message: string, cause: string | undefined): string {
  const variable = VARIABLE_VALUE.exec(message);
  if (variable) {
    const name = variable[1] ?? '';
    if (cause === undefined || !message.endsWith(`; ${cause}`)) return `Variable "$${name}" got an invalid value.`;
    const prefix = message.slice(0, message.length - cause.length - 2);
    const path = VARIABLE_PATH.exec(prefix)?.[1];
    // In a variable, even an unknown field's name is data the client sent.
    const reason = reasonWithoutValue(cause).replace(/^Field ".*" is not defined by type /s, 'Unknown field in type ');
    return `Variable "$${name}" got an invalid value${path ? ` at "${path}"` : ''}; ${reason}`;
  }
  return reasonWithoutValue(message);
}

/** Rewrites the graphql-js messages that end with, or quote, the rejected value. */
function reasonWithoutValue(message: string): string {
  // `Expected value of type "String", found 123; String cannot represent …` (literal arguments).
  const expected = /^Expected value of type "([^"]*)", found /.exec(message);
  if (expected) return `Expected value of type "${expected[1]}".`;
  // `Argument "id" has invalid value 123.`
  const argument = /^Argument "([_A-Za-z][_0-9A-Za-z]*)" has invalid value /.exec(message);
  if (argument) return `Argument "${argument[1]}" has an invalid value.`;
  // `Value "FOO" does not exist in "Severity" enum.`
  const enumValue = /^Value ".*" does not exist in "([_A-Za-z][_0-9A-Za-z]*)" enum\./s.exec(message);
  if (enumValue) return `Value does not exist in "${enumValue[1]}" enum.${suggestionsOf(message)}`;
  // `Unknown operation named "…".` (the name comes from the request, not the document)
  if (/^Unknown operation named "/.test(message)) return 'Unknown operation name.';
  // `String cannot represent a non string value: 123`, `Enum "Severity" cannot represent non-string value: 1.`
  const scalar = /^(.*? cannot represent [^:]*): /s.exec(message);
  if (scalar) return `${scalar[1]}.`;
  return message;
}

function suggestionsOf(message: string): string {
  return message.match(SUGGESTION)?.join('') ?? '';
}
