import { type Config, configVariables, loadConfig } from '../../src/config/config.ts';

/**
 * docs/security.md's table of the limits every request is checked against before anything runs,
 * with the defaults the configuration actually applies (`loadConfig({})`).
 */

interface Limit {
  limit: string;
  variable: string;
  value: (config: Config) => number;
  bounds: string;
}

const LIMITS: readonly Limit[] = [
  {
    limit: 'body size',
    variable: 'MAX_BODY_BYTES',
    value: (config) => config.security.maxBodyBytes,
    bounds: 'request bytes read (413 `PAYLOAD_TOO_LARGE` beyond)',
  },
  {
    limit: 'tokens',
    variable: 'MAX_QUERY_TOKENS',
    value: (config) => config.security.limits.maxTokens,
    bounds: 'lexical tokens of the document; the parser stops at the limit',
  },
  {
    limit: 'depth',
    variable: 'MAX_QUERY_DEPTH',
    value: (config) => config.security.limits.maxDepth,
    bounds: 'nested fields (introspection excluded; graphql-js bounds its list depth)',
  },
  {
    limit: 'aliases',
    variable: 'MAX_ALIASES',
    value: (config) => config.security.limits.maxAliases,
    bounds: 'aliased fields (each alias of `event` can name other tokens)',
  },
  {
    limit: 'directives',
    variable: 'MAX_DIRECTIVES',
    value: (config) => config.security.limits.maxDirectives,
    bounds: 'directive uses',
  },
  {
    limit: 'selections',
    variable: 'MAX_SELECTIONS',
    value: (config) => config.security.limits.maxSelections,
    bounds: 'fields, fragment spreads and inline fragments, fragments expanded',
  },
  {
    limit: 'cost',
    variable: 'MAX_QUERY_COST',
    value: (config) => config.security.limits.maxCost,
    bounds: 'estimated cost from `@cost` and `@listSize`, with the variables known',
  },
  {
    limit: '`events` list',
    variable: 'MAX_EVENTS_PER_QUERY',
    value: (config) => config.maxEventsPerQuery,
    bounds: 'items of one `events(signals:)` (`BAD_USER_INPUT`)',
  },
  {
    limit: 'entity representations',
    variable: 'MAX_ENTITY_REPRESENTATIONS',
    value: (config) => config.maxEntityRepresentations,
    bounds: '`_entities` representations per request, summed over aliases (HTTP 400, `BAD_USER_INPUT`)',
  },
];

export function queryLimits(): string {
  const unknown = LIMITS.filter(({ variable }) => !configVariables().includes(variable));
  if (unknown.length > 0) throw new Error(`Limits the configuration does not read: ${unknown.map((l) => l.variable)}`);
  const defaults = loadConfig({});
  const rows = LIMITS.map(
    ({ limit, variable, value, bounds }) => `| ${limit} | \`${variable}\` | \`${value(defaults)}\` | ${bounds} |`,
  );
  return ['| limit | variable | default | what it bounds |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
