import { Readable } from 'node:stream';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * What happens to one request:
 * - 'fail': refused before it is sent, with a non-retryable error (a failure between two
 *   requests of a multi-request operation);
 * - 'reset': sent (DynamoDB applies it), then the caller gets a connection reset instead of
 *   the answer: the outcome looks unknown;
 * - 'throttle': answered with DynamoDB's throttling error, not applied.
 */
export type Fault = 'fail' | 'reset' | 'throttle' | undefined;

export interface WriteFaults {
  /** The faults injected so far, as `Operation:fault`. */
  readonly injected: string[];
  remove(): void;
}

/** The error a socket reset gives: no HTTP response, so no status code. */
export function connectionReset(): Error {
  return Object.assign(new Error('socket hang up'), { name: 'Error', code: 'ECONNRESET' });
}

function throttled(): unknown {
  const body = JSON.stringify({
    __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException',
    message: 'Rate of requests exceeds the allowed throughput.',
  });
  return {
    response: {
      statusCode: 400,
      reason: 'Bad Request',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'injected' },
      body: Readable.from([Buffer.from(body)]),
    },
    output: undefined,
  };
}

/**
 * Injects faults into the requests of a real client, chosen by `decide(operation, n)` (n
 * counts that operation's requests from 1). `where: 'attempt'` acts on each attempt inside
 * the SDK's retry loop, so the SDK itself resends after a reset or a throttle (as it does
 * for a real timeout); `where: 'call'` acts once per call, after the SDK's retries, so the
 * library sees the failure.
 */
export function injectWriteFaults(
  client: DynamoDBClient,
  decide: (operation: string, n: number) => Fault,
  where: 'attempt' | 'call' = 'call',
): WriteFaults {
  const name = `write-faults-${Math.random().toString(36).slice(2)}`;
  const counts = new Map<string, number>();
  const faults: WriteFaults = {
    injected: [],
    remove: () => client.middlewareStack.remove(name),
  };
  const middleware =
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
    async (args: unknown): Promise<unknown> => {
      const operation = String(context.commandName).replace(/Command$/, '');
      const n = (counts.get(operation) ?? 0) + 1;
      counts.set(operation, n);
      const fault = decide(operation, n);
      if (fault === undefined) return next(args);
      faults.injected.push(`${operation}:${fault}`);
      if (fault === 'fail') {
        throw Object.assign(new Error(`injected failure of ${operation}`), {
          name: 'InjectedFailure',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
        });
      }
      if (fault === 'throttle') {
        if (where === 'attempt') return throttled() as never;
        throw Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
          name: 'ThrottlingException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
        });
      }
      // Whatever DynamoDB answered (applied, or refused by a condition) is lost.
      const result = await next(args).catch(() => undefined);
      // Inside the retry loop the answer is still raw: drain it so the socket is freed.
      (
        result as { response?: { body?: { resume?: () => void } } } | undefined
      )?.response?.body?.resume?.();
      throw connectionReset();
    };
  if (where === 'attempt')
    client.middlewareStack.add(middleware as never, { step: 'deserialize', priority: 'low', name });
  else
    client.middlewareStack.add(middleware as never, { step: 'initialize', priority: 'low', name });
  return faults;
}
