import {
  DeleteItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { awsCause, awsErrorName } from '../connection/request.js';
import { failedAfterUncertain, sendWrite } from '../connection/write-attempts.js';
import { currentTransaction } from '../transactions/context.js';
import { parentChecks } from '../transactions/parent-checks.js';
import { sendTransaction } from '../transactions/transact-write.js';
import { planGuards, replanOf } from '../uniqueness/guards.js';
import { hadUnknownOutcome, outcomeUnknown, settleOutcome, takeHeldItem } from './outcome.js';
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
async function sendAlone(operation: WriteOperation): Promise<UpdateItemCommandOutput | null> {
  if (operation.kind === 'ConditionCheck') {
    await sendTransaction([operation]);
    return null;
  }
  const record = operation.record;
  const model = modelOf(record as RecordLike);
  try {
    const output = await sendWrite<UpdateItemCommandOutput>(
      model,
      commandOf(operation),
      operation.input.TableName,
      {
        resend: operation.action !== 'increment',
        unknown: (cause) => outcomeUnknown(record, operation.action, cause),
      },
    );
    settleOutcome(record);
    return operation.kind === 'Update' ? output : null;
  } catch (error) {
    if (awsErrorName(error) !== 'ConditionalCheckFailedException' || !operation.conditionFailed)
      throw error;
    const held = takeHeldItem(awsCause(error));
    const lost = failedAfterUncertain(error);
    if (operation.applied?.(held, lost || hadUnknownOutcome(record))) {
      settleOutcome(record);
      return null;
    }
    const translated = lost
      ? outcomeUnknown(record, operation.action, error)
      : operation.conditionFailed(held);
    Object.defineProperty(translated, 'cause', {
      value: awsCause(error),
      enumerable: false,
      configurable: true,
    });
    throw translated;
  }
}
