import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { MaxIntrospectionDepthRule } from 'graphql';
import type { SecurityConfig } from '../../config/security.ts';
import type { RequestHooks } from '../request-hooks.ts';
import { KnownOperationTypesRule } from './known-operation-types.ts';
import { queryCostHooks } from './query-cost.ts';
import { queryLimitsRule } from './query-limits.ts';

/**
 * The Apollo Server settings that decide what a request may do: limits, introspection, landing
 * page, CSRF prevention, batching and stack traces, from `SecurityConfig` (docs/security.md).
 */
export function apolloSecurityOptions<Context extends BaseContext>(
  security: SecurityConfig,
): Pick<
  ApolloServerOptions<Context>,
  | 'introspection'
  | 'csrfPrevention'
  | 'allowBatchedHttpRequests'
  | 'includeStacktraceInErrorResponses'
  | 'parseOptions'
  | 'validationRules'
> & { plugins: ApolloServerPlugin<Context>[]; hooks: RequestHooks<Context>[] } {
  return {
    introspection: security.introspection,
    csrfPrevention: security.csrfPrevention,
    // One HTTP request, one operation: a batch would multiply every per-request limit.
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // The parser stops at the limit instead of building the whole document first.
    parseOptions: { maxTokens: security.limits.maxTokens },
    validationRules: [
      KnownOperationTypesRule,
      queryLimitsRule(security.limits),
      ...(security.introspection ? [MaxIntrospectionDepthRule] : []),
    ],
    hooks: [queryCostHooks<Context>(security.limits.maxCost)],
    plugins: [
      security.landingPage
        ? ApolloServerPluginLandingPageLocalDefault({ footer: false })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  };
}

/** Settings that are legal but risky, for a warning at start-up. */
export function securityWarnings(security: SecurityConfig, nodeEnv: string): string[] {
  const warnings: string[] = [];
  const production = nodeEnv === 'production';
  if (production && security.routerSecrets.length === 0) {
    warnings.push('ROUTER_SECRET is not set: only a router on a private network must be able to reach this subgraph');
  }
  if (security.corsOrigins.length > 0 && production) {
    warnings.push('CORS_ORIGINS is set: browsers on those origins can read risk signals directly');
  }
  if (security.corsOrigins.length > 0 && security.routerSecrets.length > 0) {
    warnings.push('CORS_ORIGINS and ROUTER_SECRET are both set: a browser cannot present the router secret');
  }
  if (!security.csrfPrevention) warnings.push('CSRF_PREVENTION is off: browsers can send simple cross-site requests');
  if (production && security.introspection) warnings.push('INTROSPECTION is on in production');
  return warnings;
}
