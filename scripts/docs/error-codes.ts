import { ERROR_CODES } from '../../src/graphql/errors/error-codes.ts';

/** docs/security.md's table of every `extensions.code` a client can see, from the one list in code. */
export function errorCodes(): string {
  const rows = ERROR_CODES.map(({ code, status, meaning }) => `| \`${code}\` | ${status} | ${meaning} |`);
  return ['| code | HTTP status | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
