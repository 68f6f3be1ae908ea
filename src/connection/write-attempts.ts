/**
 * Writes whose answer is lost. A timeout or a reset connection after a request was sent
 * leaves its outcome unknown: DynamoDB may have applied it. The SDK resends such requests by
 * itself, and so may the library; this module tells the two cases apart from a request that
 * never left (connection refused), which the SDK resends safely.
 *
 * - Conditional single-item writes may be resent: the resend applies only if the first did
 *   not, and a resend failing its condition is recognised by the caller from the item
 *   DynamoDB returns (ReturnValuesOnConditionCheckFailure ALL_OLD).
 * - Transactions carry a ClientRequestToken: DynamoDB answers a resend within ten minutes
 *   with the first one's outcome.
 * - An increment (ADD) is never resent, by the SDK or the library: its outcome stays unknown
 *   (WriteOutcomeUnknown) rather than risking a second application.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoClient } from '../configuration.js';
import type { ModelClass } from '../schema/model-class.js';
import { modelSend } from './model-request.js';
import { awsCause } from './request.js';

// Network failures after the request may have been written to the socket.
const AFTER_SENDING = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED']);

const watched = new WeakSet<DynamoDBClient>();
/** Inputs of which one attempt may have applied. */
const uncertainInputs = new WeakSet<object>();
/** Inputs the SDK must not resend after such an attempt. */
const notResendable = new WeakSet<object>();
/** Condition failures of a request resent after an uncertain attempt. */
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

/**
 * Watches every attempt the SDK makes with a client (inside its retry loop), once per client:
 * remembers inputs with an attempt that may have applied, and stops the SDK from resending
 * those it must not resend.
 * @internal
 */
export function watchAttempts(client: DynamoDBClient): void {
  if (watched.has(client)) return;
  watched.add(client);
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        const input = (args as { input?: object }).input;
        if (input && errorMayHaveApplied(error)) {
          uncertainInputs.add(input);
          // An error the SDK's retry rules do not recognise as transient: not resent.
          if (notResendable.has(input))
            throw Object.assign(new Error((error as Error).message), {
              name: 'NotResent',
              original: error,
            });
        }
        throw error;
      }
    },
    { step: 'finalizeRequest', priority: 'low', name: 'oceanDynamoWriteAttempts' },
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
export async function sendWrite<Output>(
  model: ModelClass,
  command: { input: object },
  table: string | undefined,
  options: { resend: boolean; unknown: (cause: unknown) => Error },
): Promise<Output> {
  watchAttempts(dynamoClient());
  if (!options.resend) notResendable.add(command.input);
  for (let resent = false; ; resent = true) {
    try {
      return await modelSend<Output>(model, command, table);
    } catch (error) {
      const uncertain = resent || uncertainInputs.has(command.input);
      const lost = uncertain || errorMayHaveApplied(error);
      if (!lost) throw error;
      const status = (awsCause(error) as { $metadata?: { httpStatusCode?: number } } | undefined)
        ?.$metadata?.httpStatusCode;
      if (status !== undefined && status < 500) {
        // DynamoDB answered this attempt: a condition failure for the caller to read.
        if (typeof error === 'object' && error !== null) afterUncertain.add(error);
        throw error;
      }
      if (resent || !options.resend) throw options.unknown(error);
    }
  }
}
