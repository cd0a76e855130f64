import type {
  ApolloServerPlugin,
  BaseContext,
  GraphQLRequestContextDidResolveOperation,
  GraphQLRequestContextWillSendResponse,
  GraphQLRequestListener,
} from '@apollo/server';

/**
 * What our Apollo plugins do per request, as plain functions: each reads the request or the
 * response, and none waits for anything. Apollo Server awaits every plugin's `requestDidStart` and
 * then every plugin's hook of each stage, a promise each, per request; `requestHooksPlugin` runs
 * all of ours as one plugin, so they cost one of each.
 */
export interface RequestHooks<Context extends BaseContext> {
  /** Once the operation is known, before it runs. Throwing (a `GraphQLError`) refuses the request. */
  didResolveOperation?(request: GraphQLRequestContextDidResolveOperation<Context>): void;
  /** Once the response is complete, before it is sent; may add to it. */
  willSendResponse?(request: GraphQLRequestContextWillSendResponse<Context>): void;
}

/**
 * One Apollo plugin running `hooks` in order, as Apollo runs separate plugins: every
 * `didResolveOperation` runs even when an earlier one refuses the request (the first refusal is the
 * answer), and `willSendResponse` hooks see what the ones before them added.
 */
export function requestHooksPlugin<Context extends BaseContext>(
  hooks: readonly RequestHooks<Context>[],
): ApolloServerPlugin<Context> {
  const listener: GraphQLRequestListener<Context> = {
    async didResolveOperation(request) {
      let refusal: { error: unknown } | undefined;
      for (const hook of hooks) {
        try {
          hook.didResolveOperation?.(request);
        } catch (error) {
          refusal ??= { error };
        }
      }
      if (refusal) throw refusal.error;
    },
    async willSendResponse(request) {
      for (const hook of hooks) hook.willSendResponse?.(request);
    },
  };
  // No state of its own per request: the same listener serves them all.
  return {
    async requestDidStart() {
      return listener;
    },
  };
}
