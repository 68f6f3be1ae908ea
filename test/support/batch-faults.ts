import type {
  BatchGetItemCommandInput,
  BatchWriteItemCommandInput,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/** What the fault injector did, for assertions. */
export interface BatchFaults {
  /** Keys or writes held back and reported unprocessed. */
  dropped: number;
  /** Requests that had part of their batch held back. */
  requests: number;
  remove(): void;
}

/**
 * Makes DynamoDB look throttled: on the first `times` BatchGetItem/BatchWriteItem requests
 * with more than one entry, sends only the first half and reports the rest as
 * UnprocessedKeys/UnprocessedItems, as DynamoDB does under load.
 */
export function injectUnprocessed(client: DynamoDBClient, times: number): BatchFaults {
  const name = `unprocessed-${Math.random().toString(36).slice(2)}`;
  const faults: BatchFaults = {
    dropped: 0,
    requests: 0,
    remove: () => client.middlewareStack.remove(name),
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName;
      if (
        faults.requests >= times ||
        (command !== 'BatchGetItemCommand' && command !== 'BatchWriteItemCommand')
      )
        return next(args);
      if (command === 'BatchGetItemCommand') {
        const input = args.input as BatchGetItemCommandInput;
        const [table, request] = Object.entries(input.RequestItems ?? {})[0]!;
        const keys = request.Keys ?? [];
        if (keys.length < 2) return next(args);
        const half = Math.ceil(keys.length / 2);
        faults.requests++;
        faults.dropped += keys.length - half;
        const result = await next({
          ...args,
          input: { ...input, RequestItems: { [table]: { ...request, Keys: keys.slice(0, half) } } },
        });
        (result.output as { UnprocessedKeys?: unknown }).UnprocessedKeys = {
          [table]: { ...request, Keys: keys.slice(half) },
        };
        return result;
      }
      const input = args.input as BatchWriteItemCommandInput;
      const [table, writes] = Object.entries(input.RequestItems ?? {})[0]!;
      if (writes.length < 2) return next(args);
      const half = Math.ceil(writes.length / 2);
      faults.requests++;
      faults.dropped += writes.length - half;
      const result = await next({
        ...args,
        input: { ...input, RequestItems: { [table]: writes.slice(0, half) } },
      });
      (result.output as { UnprocessedItems?: unknown }).UnprocessedItems = {
        [table]: writes.slice(half),
      };
      return result;
    },
    { step: 'initialize', name, priority: 'low' },
  );
  return faults;
}
