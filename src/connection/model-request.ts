import { ConnectionNotEstablished, TableNotFound } from '../errors.js';
import {
  isEstablished,
  schemaOf,
  tableFullNameOf,
  type ModelClass,
} from '../schema/model-class.js';
import { awsCause, awsErrorName, send, type RequestOrigin } from './request.js';
import type { ModelSchema } from '../schema/model-schema.js';
import { createTable, createTableInput, describeTable } from './table-management.js';
import { assertTableShape } from './table-shape.js';

/**
 * Sends a request on behalf of a model. Connecting is late and free: no request is spent
 * checking the table up front. When DynamoDB answers that the table does not exist, the
 * model's create policy decides: create it and send again, or throw TableNotFound.
 * @internal
 */
export function modelSend<Output>(
  model: ModelClass,
  command: { input: object },
  table?: string,
  sendOptions?: object,
): Promise<Output> {
  // Not an async function: the request alone is the common case, and a failure's recovery a
  // step of its own. What would throw here rejects instead, as from any request.
  try {
    const schema = schemaOf(model);
    if (schema.connect === false && !isEstablished(model)) {
      throw new ConnectionNotEstablished(
        `${model.name} is declared with connect: false: call ${model.name}.establishDbConnection() first`,
      );
    }
    const origin: ModelOrigin = { model: model.name, table: table ?? tableFullNameOf(model) };
    return send<Output>(command, origin, undefined, sendOptions).then(undefined, (error: unknown) =>
      afterFailure<Output>(model, schema, command, origin, sendOptions, error),
    );
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

/** The origin of a model's request: both named. */
type ModelOrigin = RequestOrigin & { model: string; table: string };

// A table found missing is created and the request sent again, when the model's create
// policy says so; a key or index complaint is checked against the table's shape.
async function afterFailure<Output>(
  model: ModelClass,
  schema: ModelSchema,
  command: { input: object },
  origin: ModelOrigin,
  sendOptions: object | undefined,
  error: unknown,
): Promise<Output> {
  const table = origin.table;
  if (awsErrorName(error) === 'ValidationException' && /key|index/i.test(awsMessage(error)))
    await assertSameShape(model, error);
  if (awsErrorName(error) !== 'ResourceNotFoundException' || !isMissingTable(error)) throw error;
  if (!schema.create) {
    throw new TableNotFound(
      `Table '${table}' of ${model.name} does not exist (create it with ${model.name}.createTable(), or declare create: true)`,
      { cause: awsCause(error) },
    );
  }
  await createTable(model);
  return await send<Output>(command, origin, undefined, sendOptions);
}

// DynamoDB's key and index complaints may mean the table was made for another model: when its
// description says so, report that (one DescribeTable, only on this failure path).
async function assertSameShape(model: ModelClass, error: unknown): Promise<void> {
  const table = await describeTable(model).catch(() => null);
  if (table) assertTableShape(model.name, createTableInput(model), table, awsCause(error));
}

function awsMessage(error: unknown): string {
  return (awsCause(error) as Error | undefined)?.message ?? '';
}

// A missing index is reported with the same exception; only a missing table is ours to fix.
function isMissingTable(error: unknown): boolean {
  return !/index/i.test(awsMessage(error));
}
