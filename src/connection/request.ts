import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoClient } from '../configuration.js';
import { ConnectionNotEstablished } from '../errors.js';
import { emitRequest, hasRequestListeners } from './instrumentation.js';

/** Who is asking: for error messages and instrumentation. @internal */
export interface RequestOrigin {
  model?: string | undefined;
  table?: string | undefined;
}

/**
 * Sends one command: the only place the library talks to DynamoDB, so instrumentation and
 * the mapping of network failures to {@link ConnectionNotEstablished} are written once.
 * @internal
 */
export async function send<Output>(
  command: { input: object } & object,
  origin: RequestOrigin = {},
  client: DynamoDBClient = dynamoClient(),
): Promise<Output> {
  if (!hasRequestListeners()) {
    try {
      return (await client.send(command as never)) as Output;
    } catch (error) {
      throw translateFailure(error, command, origin);
    }
  }
  const started = performance.now();
  const operation = operationName(command);
  try {
    const output = (await client.send(command as never)) as Output & {
      $metadata?: { attempts?: number };
      ConsumedCapacity?: never;
      ConsumedCapacities?: never;
    };
    emitRequest({
      operation,
      table: origin.table,
      model: origin.model,
      durationMs: performance.now() - started,
      consumedCapacity: output.ConsumedCapacity ?? output.ConsumedCapacities,
      retries: Math.max(0, (output.$metadata?.attempts ?? 1) - 1),
      error: undefined,
    });
    return output;
  } catch (error) {
    const attempts = (error as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1;
    emitRequest({
      operation,
      table: origin.table,
      model: origin.model,
      durationMs: performance.now() - started,
      consumedCapacity: undefined,
      retries: Math.max(0, attempts - 1),
      error: (error as Error).name,
    });
    throw translateFailure(error, command, origin);
  }
}

/** 'PutItemCommand' → 'PutItem'. @internal */
export function operationName(command: object): string {
  return command.constructor.name.replace(/Command$/, '');
}

// A failure without an HTTP response never reached DynamoDB: say so plainly.
function translateFailure(error: unknown, command: object, origin: RequestOrigin): unknown {
  const metadata = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  if (error instanceof Error && metadata?.httpStatusCode === undefined && !(error instanceof ConnectionNotEstablished)) {
    const code = (error as { code?: string }).code ?? error.name;
    const who = origin.model ? ` for ${origin.model}` : '';
    return new ConnectionNotEstablished(
      `Could not reach DynamoDB${who} (${operationName(command)}${origin.table ? ` on '${origin.table}'` : ''}): ${code}`,
      { cause: error },
    );
  }
  return error;
}

