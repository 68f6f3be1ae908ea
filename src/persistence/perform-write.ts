import {
  DeleteItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { modelSend } from '../connection/model-request.js';
import { awsCause, awsErrorName } from '../connection/request.js';
import { currentTransaction } from '../transactions/context.js';
import { parentChecks } from '../transactions/parent-checks.js';
import { sendTransaction } from '../transactions/transact-write.js';
import { planGuards, replanOf } from '../uniqueness/guards.js';
import { modelOf, type RecordLike } from './record-internals.js';
import type { WriteOperation } from './write-operation.js';

// A record whose unique values keep changing under a stale instance: planned again this often.
const MAX_REPLANS = 4;

/**
 * Sends one record's write, or queues it when inside `transaction()`. The write plan is the
 * record's own write, the guard items of its unique attributes, and the lock checks of the
 * records whose destroy is removing it as a dependent (parent-checks.ts): one request when
 * alone, one TransactWriteItems otherwise. A failed condition becomes the operation's own
 * error (RecordNotUnique, StaleObjectError, a taken unique value) with the AWS error as
 * cause; when it shows that the item holds other unique values than the instance read, the
 * guards are planned again from the item DynamoDB returned. Resolves to the UpdateItem output
 * when sent alone, or null otherwise.
 * @internal
 */
export async function performWrite(
  operation: WriteOperation,
): Promise<UpdateItemCommandOutput | null> {
  const transaction = currentTransaction();
  if (transaction) {
    const { own, guards } = planGuards(operation);
    for (const queued of [own, ...guards]) transaction.enqueue(queued);
    return null;
  }
  const checks = parentChecks([operation]);
  let held: Record<string, AttributeValue> | undefined;
  const foreign = new Set<string>();
  for (let round = 1; ; round++) {
    const { own, guards } = planGuards(operation, held, foreign);
    try {
      if (guards.length === 0 && checks.length === 0) return await sendAlone(own);
      await sendTransaction([own, ...guards, ...checks]);
      return null;
    } catch (error) {
      const replan = replanOf(error);
      if (replan === undefined || round >= MAX_REPLANS) throw error;
      // A delete finds its item already gone: what it was for is done.
      if (replan.kind === 'gone') return null;
      if (replan.kind === 'held') held = replan.item;
      else foreign.add(replan.guard);
    }
  }
}

async function sendAlone(operation: WriteOperation): Promise<UpdateItemCommandOutput | null> {
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
      case 'ConditionCheck':
        await sendTransaction([operation]);
        return null;
    }
  } catch (error) {
    if (awsErrorName(error) === 'ConditionalCheckFailedException' && operation.conditionFailed) {
      const translated = operation.conditionFailed(
        (awsCause(error) as { Item?: Record<string, AttributeValue> }).Item,
      );
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
