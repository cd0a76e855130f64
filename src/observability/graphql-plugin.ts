import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { currentRequestScope } from './request-scope.ts';

/** Operation names are GraphQL names (letters, digits, `_`); long ones are cut for logs and spans. */
const MAX_OPERATION_NAME = 100;
/** Distinct error codes kept per request. */
const MAX_ERROR_CODES = 10;

/**
 * Tells the request scope what only Apollo knows: the operation's type and name once the document
 * is resolved, and how the response ended (data, data with errors, no data) with its error codes.
 *
 * Register it after `vendorErrorsPlugin`: Apollo calls `willSendResponse` hooks in plugin order,
 * and the vendor errors must already be in the response when the outcome is read.
 */
export function requestScopePlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const scope = currentRequestScope();
      if (!scope) return;
      return {
        async didResolveOperation({ operation, operationName }) {
          scope.operationType = operation?.operation;
          scope.operationName = operationName?.slice(0, MAX_OPERATION_NAME) ?? undefined;
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') {
            scope.outcome = 'ok';
            return;
          }
          const { data, errors } = response.body.singleResult;
          for (const error of errors ?? []) {
            const code = error.extensions?.['code'];
            if (typeof code === 'string' && scope.errorCodes.size < MAX_ERROR_CODES) scope.errorCodes.add(code);
          }
          scope.outcome = !errors?.length ? 'ok' : data ? 'partial' : 'error';
        },
      };
    },
  };
}
