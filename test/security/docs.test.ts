import { readFileSync } from 'node:fs';
import { type ConstDirectiveNode, Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { SECURITY_VARIABLES } from '../../src/config/security.ts';
import { ERROR_CODES } from '../../src/graphql/errors/error-codes.ts';
import { CLIENT_ERROR_CODES } from '../../src/graphql/errors/format-error.ts';
import { loadTypeDefs } from '../../src/graphql/schema.ts';
import { README } from './support.ts';

const ENV_EXAMPLE = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');

function section(heading: string): string {
  const start = README.indexOf(heading);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const next = README.indexOf('\n#', start + heading.length);
  return README.slice(start, next < 0 ? undefined : next);
}

describe('the README security section', () => {
  it('sits before the marker of sections still to come', () => {
    expect(README.indexOf('## Security')).toBeGreaterThan(0);
    expect(README.indexOf('## Security')).toBeLessThan(README.indexOf('<!-- sections below'));
  });

  it('lists exactly the documented error codes, with their HTTP status and meaning', () => {
    const rows = [...section('### Error codes').matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \| (.+) \|$/gm)].map((row) => ({
      code: row[1],
      status: row[2]?.trim(),
      meaning: row[3]?.trim(),
    }));
    expect(rows).toEqual(ERROR_CODES.map(({ code, status, meaning }) => ({ code, status, meaning })));
  });

  it('documents every security variable with its default, and .env.example lists it', () => {
    const table = section('### Security configuration');
    const defaults = loadConfig({}).security;
    for (const variable of SECURITY_VARIABLES) {
      expect(table, variable).toContain(`| \`${variable}\` |`);
      expect(ENV_EXAMPLE, variable).toMatch(new RegExp(`^${variable}=`, 'm'));
    }
    for (const [variable, value] of [
      ['MAX_BODY_BYTES', defaults.maxBodyBytes],
      ['MAX_QUERY_TOKENS', defaults.limits.maxTokens],
      ['MAX_QUERY_DEPTH', defaults.limits.maxDepth],
      ['MAX_ALIASES', defaults.limits.maxAliases],
      ['MAX_DIRECTIVES', defaults.limits.maxDirectives],
      ['MAX_SELECTIONS', defaults.limits.maxSelections],
      ['MAX_QUERY_COST', defaults.limits.maxCost],
    ] as const) {
      expect(table, variable).toContain(`| \`${variable}\` | \`${value}\` |`);
      expect(ENV_EXAMPLE, variable).toContain(`${variable}=${value}\n`);
    }
  });
});

describe('the README lists every field tagged pii', () => {
  it('matches the schema exactly', () => {
    const tagged = new Set<string>();
    const isPii = (directives: readonly ConstDirectiveNode[] | undefined) =>
      (directives ?? []).some(
        (directive) =>
          directive.name.value === 'tag' &&
          directive.arguments?.some(
            (argument) => argument.value.kind === Kind.STRING && argument.value.value === 'pii',
          ),
      );
    for (const definition of loadTypeDefs().definitions) {
      if (
        definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
        definition.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION &&
        definition.kind !== Kind.OBJECT_TYPE_EXTENSION
      ) {
        continue;
      }
      for (const field of definition.fields ?? []) {
        if (isPii(field.directives)) tagged.add(`${definition.name.value}.${field.name.value}`);
      }
    }
    const section = README.slice(
      README.indexOf('### Personal data'),
      README.indexOf('###', README.indexOf('### Personal data') + 5),
    );
    const listed = new Set([...section.matchAll(/`([A-Z][A-Za-z]+\.[a-z][A-Za-z0-9]*)`/g)].map((match) => match[1]));
    expect([...listed].filter((field) => field && !tagged.has(field)).sort()).toEqual([]);
    expect([...tagged].filter((field) => !listed.has(field)).sort()).toEqual([]);
  });
});

describe('the error-code list', () => {
  it('lets every documented client code through the formatter, and nothing the front door produces', () => {
    for (const code of CLIENT_ERROR_CODES) expect(ERROR_CODES.map((entry) => entry.code)).toContain(code);
    for (const code of ['UNAUTHENTICATED', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'INTERNAL_SERVER_ERROR']) {
      expect(CLIENT_ERROR_CODES.has(code)).toBe(false);
    }
  });
});
