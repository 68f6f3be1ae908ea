/**
 * Request notifications, the analogue of ActiveRecord's `sql.active_record`: every DynamoDB
 * request the library makes is reported to the listeners. With none subscribed it costs a
 * length check.
 *
 * ```ts
 * const unsubscribe = onRequest((e) => console.log(e.operation, e.table, e.durationMs));
 * ```
 */
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';

export interface RequestEvent {
  /** The DynamoDB operation, e.g. 'PutItem', 'Query', 'BatchGetItem'. */
  operation: string;
  /** The table's full name, when the request is about one table. */
  table: string | undefined;
  /** The model's class name, when a model made the request. */
  model: string | undefined;
  durationMs: number;
  /** As DynamoDB returned it, when it did. */
  consumedCapacity: ConsumedCapacity | ConsumedCapacity[] | undefined;
  /** How many times the SDK retried the request. */
  retries: number;
  /** The error's name when the request failed. */
  error: string | undefined;
}

export type RequestListener = (event: RequestEvent) => void;

const listeners: RequestListener[] = [];

/** Subscribes to every DynamoDB request; returns a function that unsubscribes. */
export function onRequest(listener: RequestListener): () => void {
  listeners.push(listener);
  return () => {
    const index = listeners.indexOf(listener);
    if (index >= 0) listeners.splice(index, 1);
  };
}

/** @internal */
export function hasRequestListeners(): boolean {
  return listeners.length > 0;
}

/** @internal */
export function emitRequest(event: RequestEvent): void {
  for (const listener of [...listeners]) {
    try {
      listener(event);
    } catch {
      // A failing listener must not fail the request it observes.
    }
  }
}
