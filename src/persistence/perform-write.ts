import {
  DeleteItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { awsCause, awsErrorName } from '../connection/request.js';
import { refusedAsTooLarge } from '../dynamo/item-size.js';
import { failedAfterUncertain, sendWrite } from '../connection/write-attempts.js';
import { currentTransaction } from '../transactions/context.js';
import { parentChecks } from '../transactions/parent-checks.js';
import { sendTransaction } from '../transactions/transact-write.js';
import { hadUnknownOutcome, outcomeUnknown, settleOutcome, takeHeldItem } from './outcome.js';
import { modelOf, type RecordLike } from './record-internals.js';
import type { WriteOperation } from './write-operation.js';

/**
 * Sends one record's write, or queues it when inside `transaction()`: one request when alone,
 * or one TransactWriteItems with the lock checks of the records whose destroy is removing it
 * as a dependent (parent-checks.ts). A failed condition becomes the operation's own error
 * (RecordNotUnique, StaleObjectError, ConditionNotMet) with the AWS error as cause. The guard
 * items of unique values are planned around this by uniqueness/guarded-write.ts. Resolves to
 * the UpdateItem output when sent alone, or null otherwise.
 * @internal
 */
export function performWrite(operation: WriteOperation): Promise<UpdateItemCommandOutput | null> {
  // Not an async function: a write sent alone costs no extra frame.
  const transaction = currentTransaction();
  if (transaction) {
    transaction.enqueue(operation);
    return Promise.resolve(null);
  }
  const checks = parentChecks([operation]);
  if (checks.length === 0) return sendAlone(operation);
  return sendTransaction([operation, ...checks]).then(() => null);
}

function commandOf(operation: WriteOperation): { input: object } {
  switch (operation.kind) {
    case 'Put':
      return new PutItemCommand(operation.input);
    case 'Update':
      return new UpdateItemCommand(operation.input);
    case 'Delete':
      return new DeleteItemCommand(operation.input);
    case 'ConditionCheck':
      throw new TypeError('A ConditionCheck is sent in a transaction');
  }
}

// One request. A lost answer is resent (not for an increment); a failed condition is first
// checked against what this write would have made, so a resend of an applied write succeeds.
// Steps of the caller's promise rather than an async frame of its own.
function sendAlone(operation: WriteOperation): Promise<UpdateItemCommandOutput | null> {
  if (operation.kind === 'ConditionCheck') return sendTransaction([operation]).then(() => null);
  const record = operation.record;
  const model = modelOf(record as RecordLike);
  return sendWrite<UpdateItemCommandOutput>(
    model,
    commandOf(operation),
    operation.input.TableName,
    {
      resend: operation.action !== 'increment',
      unknown: (cause) => outcomeUnknown(record, operation.action, cause),
    },
  ).then(
    (output) => {
      settleOutcome(record);
      return operation.kind === 'Update' ? output : null;
    },
    (error: unknown) => {
      const tooLarge = refusedAsTooLarge(model.name, awsErrorName(error), awsCause(error), record);
      if (tooLarge) throw tooLarge;
      if (awsErrorName(error) !== 'ConditionalCheckFailedException' || !operation.conditionFailed)
        throw error;
      const held = takeHeldItem(awsCause(error));
      const lost = failedAfterUncertain(error);
      if (operation.applied?.(held, lost || hadUnknownOutcome(record))) {
        settleOutcome(record);
        return null;
      }
      throw lost
        ? outcomeUnknown(record, operation.action, awsCause(error))
        : operation.conditionFailed(held, awsCause(error));
    },
  );
}
