import {
  DeleteItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { modelSend } from '../connection/model-request.js';
import { currentTransaction } from '../transactions/context.js';
import { modelOf, type RecordLike } from './record-internals.js';
import type { WriteOperation } from './write-operation.js';

/**
 * Sends one write, or queues it when inside `transaction()`. A failed condition becomes the
 * operation's own error (RecordNotUnique, StaleObjectError, …) with the AWS error as cause.
 * Resolves to the UpdateItem output when sent now, or null when queued.
 * @internal
 */
export async function performWrite(operation: WriteOperation): Promise<UpdateItemCommandOutput | null> {
  const transaction = currentTransaction();
  if (transaction) {
    transaction.enqueue(operation);
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
        return await modelSend<UpdateItemCommandOutput>(model, new UpdateItemCommand(operation.input), table);
      case 'Delete':
        await modelSend(model, new DeleteItemCommand(operation.input), table);
        return null;
    }
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException' && operation.conditionFailed) {
      const translated = operation.conditionFailed();
      Object.defineProperty(translated, 'cause', { value: error, enumerable: false, configurable: true });
      throw translated;
    }
    throw error;
  }
}
