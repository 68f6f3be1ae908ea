/**
 * Request notifications, the analogue of ActiveRecord's `sql.active_record`: every DynamoDB
 * request the library makes is reported to the listeners, to the `diagnostics_channel`
 * named {@link REQUEST_CHANNEL}, and to a configured `logger.debug`. With none of them
 * present a request costs one check, and DynamoDB is not asked for its consumed capacity.
 *
 * ```ts
 * import { onRequest } from 'ocean-dynamo';
 *
 * const unsubscribe = onRequest((e) => console.log(e.operation, e.table, e.durationMs.toFixed(1)));
 * await AsyncJob.find(id);   // logs: GetItem async_jobs 2.3
 * unsubscribe();
 * ```
 */
import { channel } from 'node:diagnostics_channel';
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';

export interface RequestEvent {
  /** The DynamoDB operation, e.g. 'PutItem', 'Query', 'BatchGetItem'. */
  operation: string;
  /** The table's full name, when the request is about one table. */
  table: string | undefined;
  /** The model's class name, when a model made the request. */
  model: string | undefined;
  /** From just before the request was handed to the SDK until its answer, retries included. */
  durationMs: number;
  /**
   * As DynamoDB returned it (`ReturnConsumedCapacity: 'TOTAL'` is asked for while anyone
   * listens, unless the request already asks for something else); undefined for operations
   * that do not report it (table management) and for failed requests.
   */
  consumedCapacity: ConsumedCapacity | ConsumedCapacity[] | undefined;
  /** How many times the SDK retried the request (0 when the first attempt answered). */
  retries: number;
  /** The error's name when the request failed. */
  error: string | undefined;
}

export type RequestListener = (event: RequestEvent) => void;

/**
 * The `diagnostics_channel` on which every {@link RequestEvent} is also published, for
 * tracing tools that subscribe by name:
 *
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * subscribe(REQUEST_CHANNEL, (event) => metrics.observe(event as RequestEvent));
 * ```
 */
export const REQUEST_CHANNEL = 'ocean-dynamo:request';

const requestChannel = channel(REQUEST_CHANNEL);
const listeners: RequestListener[] = [];

/** Subscribes to every DynamoDB request; returns a function that unsubscribes. */
export function onRequest(listener: RequestListener): () => void {
  listeners.push(listener);
  return () => {
    const index = listeners.indexOf(listener);
    if (index >= 0) listeners.splice(index, 1);
  };
}

/** Whether a listener or a channel subscriber wants events. @internal */
export function hasRequestListeners(): boolean {
  return listeners.length > 0 || requestChannel.hasSubscribers;
}

/** @internal */
export function emitRequest(event: RequestEvent): void {
  for (const listener of listeners.slice()) {
    try {
      listener(event);
    } catch {
      // A failing listener must not fail the request it observes.
    }
  }
  if (requestChannel.hasSubscribers) {
    try {
      requestChannel.publish(event);
    } catch {
      // Likewise for a channel subscriber.
    }
  }
}
