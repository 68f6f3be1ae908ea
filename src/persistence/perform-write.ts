import {
  DeleteItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { modelSend } from '../connection/model-request.js';
import { awsCause, awsErrorName } from '../connection/request.js';
import { currentTransaction } from '../transactions/context.js';
import { sendTransaction } from '../transactions/transact-write.js';
import { guardOperations } from '../uniqueness/guards.js';
import { modelOf, type RecordLike } from './record-internals.js';
import type { WriteOperation } from './write-operation.js';

/**
 * Sends one record's write, or queues it when inside `transaction()`. The write plan is the
 * record's own write plus the guard items of its unique attributes: one request when alone,
 * one TransactWriteItems when guards go with it. A failed condition becomes the operation's
 * own error (RecordNotUnique, StaleObjectError, a taken unique value) with the AWS error as
 * cause. Resolves to the UpdateItem output when sent alone, or null otherwise.
 * @internal
 */
export async function performWrite(
  operation: WriteOperation,
): Promise<UpdateItemCommandOutput | null> {
  const plan = [operation, ...guardOperations(operation)];
  const transaction = currentTransaction();
  if (transaction) {
    for (const queued of plan) transaction.enqueue(queued);
    return null;
  }
  if (plan.length > 1) {
    await sendTransaction(plan);
    return null;
  }
  const model = modelOf(operation.record as RecordLike);
  const table = operation.input.TableName;
  try {
    switch (operation.kind) {
      case 'Put':
        await modelSend(model, new PutItemCommand(operation.input), table);
        return null;
      case 'Update':
        return await modelSend<UpdateItemCommandOutput>(
          model,
          new UpdateItemCommand(operation.input),
          table,
        );
      case 'Delete':
        await modelSend(model, new DeleteItemCommand(operation.input), table);
        return null;
    }
  } catch (error) {
    if (awsErrorName(error) === 'ConditionalCheckFailedException' && operation.conditionFailed) {
      const translated = operation.conditionFailed();
      Object.defineProperty(translated, 'cause', {
        value: awsCause(error),
        enumerable: false,
        configurable: true,
      });
      throw translated;
    }
    throw error;
  }
}
