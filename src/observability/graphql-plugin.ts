import type { BaseContext } from '@apollo/server';
import type { RequestHooks } from '../graphql/request-hooks.ts';
import { currentRequestScope } from './request-scope.ts';

/** Operation names are GraphQL names (letters, digits, `_`); long ones are cut for logs and spans. */
const MAX_OPERATION_NAME = 100;
/** Distinct error codes kept per request. */
const MAX_ERROR_CODES = 10;

/**
 * Tells the request scope what only Apollo knows: the operation's type and name once the document
 * is resolved, and how the response ended (data, data with errors, no data) with its error codes.
 *
 * Run it after the vendor errors' hooks: the vendor errors must already be in the response when the
 * outcome is read.
 */
export function requestScopeHooks<Context extends BaseContext>(): RequestHooks<Context> {
  return {
    didResolveOperation({ operation, operationName }) {
      const scope = currentRequestScope();
      if (!scope) return;
      scope.operationType = operation?.operation;
      scope.operationName = operationName?.slice(0, MAX_OPERATION_NAME) ?? undefined;
    },
    willSendResponse({ response }) {
      const scope = currentRequestScope();
      if (!scope) return;
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
}
