/**
 * Writes whose answer is lost. A timeout or a reset connection after a request was sent
 * leaves its outcome unknown: DynamoDB may have applied it. The SDK resends such requests by
 * itself, and so may the library; this module tells the two cases apart from a request that
 * never left (connection refused), which the SDK resends safely.
 *
 * - Conditional single-item writes may be resent: the resend applies only if the first did
 *   not, and a resend failing its condition is recognised by the caller from the item
 *   DynamoDB returns (ReturnValuesOnConditionCheckFailure ALL_OLD). A condition failure after
 *   several attempts (the error's `$metadata.attempts`) counts as coming after one that may
 *   have applied: the SDK does not say why it resent (a throttle is as possible as a lost
 *   answer), and nothing is watched on the client, so reads and writes that succeed at the
 *   first attempt pay nothing for this.
 * - Transactions carry a ClientRequestToken: DynamoDB answers a resend within ten minutes
 *   with the first one's outcome.
 * - An increment (ADD) is never resent, by the SDK or the library: a middleware on its own
 *   command stops the SDK's retries after an attempt that may have applied, and its outcome
 *   stays unknown (WriteOutcomeUnknown) rather than risking a second application.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ModelClass } from '../schema/model-class.js';
import { modelSend } from './model-request.js';
import { awsCause } from './request.js';

// Network failures after the request may have been written to the socket.
const AFTER_SENDING = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED']);

/** Condition failures of a request resent after an attempt that may have applied. */
const afterUncertain = new WeakSet<object>();

/** Whether an error, or one it wraps, says the request may have reached DynamoDB. @internal */
export function errorMayHaveApplied(error: unknown): boolean {
  for (let e = error as Record<string, unknown> | undefined, depth = 0; e && depth < 5; depth++) {
    const status = (e.$metadata as { httpStatusCode?: number } | undefined)?.httpStatusCode;
    if (status !== undefined) return status >= 500;
    if (AFTER_SENDING.has(String(e.code))) return true;
    if (e.name === 'TimeoutError' && !/without establishing a connection/i.test(String(e.message)))
      return true;
    if (e.message === 'socket hang up') return true;
    e = (e.cause ?? e.original) as Record<string, unknown> | undefined;
  }
  return false;
}

type MiddlewareStack = DynamoDBClient['middlewareStack'];

/**
 * Stops the SDK from resending a command after an attempt that may have applied: inside its
 * retry loop, such a failure becomes one its retry rules do not recognise as transient.
 */
function forbidResend(command: { middlewareStack?: MiddlewareStack }): void {
  command.middlewareStack?.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (!errorMayHaveApplied(error)) throw error;
        throw Object.assign(new Error((error as Error).message), {
          name: 'NotResent',
          original: error,
        });
      }
    },
    { step: 'finalizeRequest', priority: 'low', name: 'oceanDynamoNotResent' },
  );
}

/** Whether a condition failure came from a resend after an attempt that may have applied. @internal */
export function failedAfterUncertain(error: unknown): boolean {
  return typeof error === 'object' && error !== null && afterUncertain.has(error);
}

/**
 * Sends a write. When its answer is lost after it may have reached DynamoDB, sends the same
 * request once more if `resend` allows (see the module notes); when the outcome still cannot
 * be known, throws `unknown(cause)`. A condition failure after an uncertain attempt is marked
 * (failedAfterUncertain) for the caller to recognise its own applied write.
 * @internal
 */
export function sendWrite<Output>(
  model: ModelClass,
  command: { input: object },
  table: string | undefined,
  options: { resend: boolean; unknown: (cause: unknown) => Error },
): Promise<Output> {
  // Its own middleware: sent without the SDK's handler cache, which would ignore it.
  if (!options.resend) forbidResend(command as { middlewareStack?: MiddlewareStack });
  const sendOptions = options.resend ? undefined : {};
  const attempt = (resent: boolean): Promise<Output> =>
    modelSend<Output>(model, command, table, sendOptions).then(undefined, (error: unknown) => {
      const cause = awsCause(error) as
        { $metadata?: { httpStatusCode?: number; attempts?: number } } | undefined;
      const status = cause?.$metadata?.httpStatusCode;
      if (status !== undefined && status < 500) {
        // DynamoDB answered: a condition failure for the caller to read, after an attempt
        // that may have applied if this call or the SDK sent it more than once.
        if (resent || (cause?.$metadata?.attempts ?? 1) > 1)
          if (typeof error === 'object' && error !== null) afterUncertain.add(error);
        throw error;
      }
      if (!resent && !errorMayHaveApplied(error)) throw error;
      if (resent || !options.resend) throw options.unknown(error);
      return attempt(true);
    });
  return attempt(false);
}
