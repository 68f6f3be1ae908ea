import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { currentConfiguration, dynamoClient } from '../configuration.js';
import {
  ConnectionNotEstablished,
  CredentialsNotFound,
  DynamoError,
  RequestFailed,
} from '../errors.js';
import { emitRequest, hasRequestListeners, type RequestEvent } from './instrumentation.js';

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
export function send<Output>(
  command: { input: object } & object,
  origin: RequestOrigin = {},
  client?: DynamoDBClient,
  // The SDK's per-call options; any, even {}, bypasses its handler cache (cacheMiddleware).
  sendOptions?: object,
): Promise<Output> {
  // Not an async function, yet it never throws: whatever fails, making the default client
  // included, rejects translated.
  try {
    const sender = client ?? dynamoClient();
    const logger = currentConfiguration().logger;
    if (hasRequestListeners() || logger?.debug !== undefined)
      return sendObserved(command, origin, sender, sendOptions, logger);
    // Unobserved: the SDK's promise with failures translated, and no async frame around it.
    return (sender.send(command as never, sendOptions as never) as Promise<Output>).then(
      undefined,
      (error: unknown) => {
        throw translateFailure(error, command, origin);
      },
    );
  } catch (error) {
    return Promise.reject(translateFailure(error, command, origin));
  }
}

async function sendObserved<Output>(
  command: { input: object } & object,
  origin: RequestOrigin,
  client: DynamoDBClient,
  sendOptions: object | undefined,
  logger: ReturnType<typeof currentConfiguration>['logger'],
): Promise<Output> {
  const emit = (event: RequestEvent): void => {
    emitRequest(event);
    if (logger?.debug) logRequest(logger.debug.bind(logger), event);
  };
  const operation = operationName(command);
  askForCapacity(command.input as { ReturnConsumedCapacity?: string }, operation);
  const started = performance.now();
  try {
    const output = (await client.send(command as never, sendOptions as never)) as Output & {
      $metadata?: { attempts?: number };
      ConsumedCapacity?: never;
      ConsumedCapacities?: never;
    };
    emit({
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
    emit({
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

// The operations that report consumed capacity when asked (table management does not).
const CAPACITY_OPERATIONS = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
]);

// Asked only while someone listens: the answer is a few bytes more, and free otherwise.
function askForCapacity(input: { ReturnConsumedCapacity?: string }, operation: string): void {
  if (input.ReturnConsumedCapacity === undefined && CAPACITY_OPERATIONS.has(operation))
    input.ReturnConsumedCapacity = 'TOTAL';
}

function logRequest(
  debug: (message: string, details?: Record<string, unknown>) => void,
  event: RequestEvent,
): void {
  try {
    const where = event.table ? ` ${event.table}` : '';
    debug(
      `DynamoDB ${event.operation}${where} ${event.durationMs.toFixed(1)} ms${event.error ? ` failed: ${event.error}` : ''}`,
      {
        ...event,
      },
    );
  } catch {
    // Logging must not fail the request it reports.
  }
}

/** 'PutItemCommand' → 'PutItem'. @internal */
export function operationName(command: object): string {
  return command.constructor.name.replace(/Command$/, '');
}

/**
 * The name of the AWS error behind a failure of {@link send} ('ConditionalCheckFailedException',
 * 'ResourceNotFoundException'...), or the error's own name for anything else.
 * @internal
 */
export function awsErrorName(error: unknown): string | undefined {
  if (error instanceof RequestFailed) return error.code;
  return (error as Error | undefined)?.name;
}

/** The AWS SDK's error behind a failure of {@link send}, to carry as `cause`. @internal */
export function awsCause(error: unknown): unknown {
  return error instanceof RequestFailed ? error.cause : error;
}

// Every failure leaves as a DynamoError with the SDK's error as `cause`: without credentials,
// without an HTTP response (DynamoDB was never reached), or refused by DynamoDB.
function translateFailure(error: unknown, command: object, origin: RequestOrigin): unknown {
  if (error instanceof DynamoError) return error;
  const operation = operationName(command);
  const who = origin.model ? ` for ${origin.model}` : '';
  const where = `${operation}${origin.table ? ` on '${origin.table}'` : ''}`;
  const name = error instanceof Error ? error.name : 'Error';
  if (name === 'CredentialsProviderError') {
    return new CredentialsNotFound(
      `No AWS credentials${who} (${where}): the AWS SDK's credential chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE and the shared config files, SSO, web identity, container and instance metadata) found none; set them, or pass configure({ credentials })`,
      { cause: error },
    );
  }
  const metadata = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata;
  if (metadata?.httpStatusCode === undefined) {
    const code = (error as { code?: string } | undefined)?.code ?? name;
    return new ConnectionNotEstablished(`Could not reach DynamoDB${who} (${where}): ${code}`, {
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new RequestFailed(
    `DynamoDB refused ${where}${who}: ${name}${message ? ` (${message})` : ''}`,
    { code: name, operation, table: origin.table },
    { cause: error },
  );
}
