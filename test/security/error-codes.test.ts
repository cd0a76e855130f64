import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/graphql/errors/error-codes.ts';
import { CLIENT_ERROR_CODES } from '../../src/graphql/errors/format-error.ts';

describe('the error-code list', () => {
  it('lets every documented client code through the formatter, and nothing the front door produces', () => {
    for (const code of CLIENT_ERROR_CODES) expect(ERROR_CODES.map((entry) => entry.code)).toContain(code);
    for (const code of ['UNAUTHENTICATED', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'INTERNAL_SERVER_ERROR']) {
      expect(CLIENT_ERROR_CODES.has(code)).toBe(false);
    }
  });
});
