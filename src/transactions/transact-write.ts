/**
 * Sends several writes as one TransactWriteItems request: all or nothing. Used by
 * `transaction()` and by a single save that carries guard items for unique attributes.
 */
import {
  TransactWriteItemsCommand,
  type AttributeValue,
  type CancellationReason,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { awsCause, awsErrorName } from '../connection/request.js';
import { sendWrite } from '../connection/write-attempts.js';
import {
  hadUnknownOutcome,
  markOutcomeUnknown,
  outcomeUnknown,
  settleOutcome,
} from '../persistence/outcome.js';
import { DynamoError } from '../errors.js';
import { describeRecord, modelOf, type RecordLike } from '../persistence/record-internals.js';
import type { WriteOperation } from '../persistence/write-operation.js';
import { backoff } from '../dynamo/backoff.js';
import { refusedItemTooLarge, saysTooLarge } from '../dynamo/item-size.js';
import { schemaOf } from '../schema/model-class.js';
import { sideWriteOf } from './side-writes.js';

/** DynamoDB's limit on the actions of one transaction. @internal */
export const MAX_TRANSACTION_ACTIONS = 100;

// A conflict with another transaction on the same item cancels the whole request; sending it
// again is safe, since nothing of it was applied.
const MAX_CONFLICT_RETRIES = 8;

/** The request item for one write: what a TransactWriteItems action accepts of its input. @internal */
export function transactItem(operation: WriteOperation): TransactWriteItem {
  const {
    TableName,
    ConditionExpression,
    ExpressionAttributeNames,
    ExpressionAttributeValues,
    ReturnValuesOnConditionCheckFailure,
  } = operation.input;
  const common = {
    TableName,
    ...(ConditionExpression ? { ConditionExpression } : {}),
    ...(ExpressionAttributeNames ? { ExpressionAttributeNames } : {}),
    ...(ExpressionAttributeValues ? { ExpressionAttributeValues } : {}),
    ...(ReturnValuesOnConditionCheckFailure ? { ReturnValuesOnConditionCheckFailure } : {}),
  };
  switch (operation.kind) {
    case 'ConditionCheck':
      return { ConditionCheck: { ...common, Key: operation.input.Key, ConditionExpression } };
    case 'Put':
      return { Put: { ...common, Item: operation.input.Item } };
    case 'Update':
      return {
        Update: {
          ...common,
          Key: operation.input.Key,
          UpdateExpression: operation.input.UpdateExpression,
        },
      };
    case 'Delete':
      return { Delete: { ...common, Key: operation.input.Key } };
  }
}

/**
 * Checks what DynamoDB would reject, before anything is sent: more than 100 actions, or two
 * actions on the same item.
 * @internal
 */
export function assertTransactable(operations: readonly WriteOperation[]): void {
  if (operations.length > MAX_TRANSACTION_ACTIONS) {
    throw new DynamoError(
      `transaction() collected ${operations.length} writes (guard items of unique attributes included); ` +
        `DynamoDB allows at most ${MAX_TRANSACTION_ACTIONS} in one transaction: split the work`,
    );
  }
  const seen = new Map<string, WriteOperation>();
  for (const operation of operations) {
    const identity = `${operation.input.TableName ?? ''} ${JSON.stringify(keyOf(operation))}`;
    const earlier = seen.get(identity);
    if (earlier) {
      throw new DynamoError(
        `transaction() writes ${describeOperation(operation)} twice (${earlier.action}, then ${operation.action}); ` +
          'DynamoDB allows one action per item in a transaction: combine the changes into one save',
        { record: operation.record },
      );
    }
    seen.set(identity, operation);
  }
}

/**
 * Sends the writes as one transaction. When DynamoDB cancels it because a condition failed,
 * throws that operation's own error (StaleObjectError, RecordNotUnique, a taken unique value)
 * with the AWS error as `cause`.
 * @internal
 */
export async function sendTransaction(operations: readonly WriteOperation[]): Promise<void> {
  if (operations.length === 0) return;
  assertTransactable(operations);
  const first = operations[0] as WriteOperation;
  const model = modelOf(first.record as RecordLike);
  const items = operations.map(transactItem);
  for (let round = 0; ; round++) {
    // A token per round: a resend of the same round after a lost answer is answered with the
    // first one's outcome, never applied twice.
    const command = new TransactWriteItemsCommand({
      TransactItems: items,
      ClientRequestToken: randomUUID(),
    });
    try {
      await sendWrite(model, command, first.input.TableName, {
        resend: true,
        unknown: (cause) => {
          // Every record of the transaction may have been written: each recognises its write
          // when saved again.
          for (const operation of operations) markOutcomeUnknown(operation.record);
          return outcomeUnknown(first.record, 'transaction', cause);
        },
      });
      for (const operation of operations) settleOutcome(operation.record);
      return;
    } catch (error) {
      if (awsErrorName(error) !== 'TransactionCanceledException') throw error;
      const cause = awsCause(error);
      const reasons = cancellationReasons(cause);
      const failed = reasons.findIndex((reason) => reason === 'ConditionalCheckFailed');
      const conditionFailed = failed >= 0 ? operations[failed]?.conditionFailed : null;
      if (conditionFailed) {
        const held = heldItem(cause, failed);
        const record = operations[failed]?.record as object;
        // Saving again after an unknown outcome: if its write is there, the first one applied
        // (a transaction applies whole), and this one is done.
        const failedOperation = operations[failed];
        const applied =
          failedOperation?.kind === 'ConditionCheck' ? undefined : failedOperation?.applied;
        if (hadUnknownOutcome(record) && applied?.(held, true)) {
          for (const operation of operations) settleOutcome(operation.record);
          return;
        }
        throw conditionFailed(held, cause);
      }
      if (reasons.includes('TransactionConflict') && round < MAX_CONFLICT_RETRIES) {
        await backoff(round + 1);
        continue;
      }
      const tooLarge = refusedAsTooLargeIn(operations, cause);
      if (tooLarge) throw tooLarge;
      throw new DynamoError(
        `The transaction of ${operations.length} writes was cancelled by DynamoDB (${reasons.join(', ') || 'no reason given'})`,
        { cause },
      );
    }
  }
}

// An action DynamoDB refused because its item would grow past 400 KB (the record's own count
// fit: another writer made the item larger than this copy knows): ItemTooLarge of its record.
function refusedAsTooLargeIn(operations: readonly WriteOperation[], cause: unknown): Error | null {
  const reasons = (cause as { CancellationReasons?: CancellationReason[] }).CancellationReasons;
  const index = (reasons ?? []).findIndex(
    (reason) => reason.Code === 'ValidationError' && saysTooLarge(reason.Message),
  );
  const record = index < 0 ? undefined : operations[index]?.record;
  return record ? refusedItemTooLarge(modelOf(record as RecordLike).name, cause, record) : null;
}

// The item DynamoDB held for a failed action that asked for it (ALL_OLD).
// The item is taken off the AWS error, which is kept as a cause and must not carry it to logs.
function heldItem(error: unknown, index: number): Record<string, AttributeValue> | undefined {
  const reasons = (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons;
  const item = reasons?.[index]?.Item;
  for (const reason of reasons ?? []) delete reason.Item;
  return item;
}

// One code per action, in request order. The SDK parses them; the message lists them too.
function cancellationReasons(error: unknown): string[] {
  const parsed = (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons;
  if (parsed && parsed.length > 0) return parsed.map((reason) => reason.Code ?? 'None');
  const listed = /\[([^\]]*)\]/.exec((error as Error).message ?? '')?.[1];
  return listed ? listed.split(',').map((code) => code.trim()) : [];
}

function keyOf(operation: WriteOperation): Record<string, AttributeValue> | undefined {
  if (operation.kind !== 'Put') return operation.input.Key ?? undefined;
  const side = sideWriteOf(operation);
  if (side) return side.key;
  const schema = schemaOf(modelOf(operation.record as RecordLike));
  const item = operation.input.Item ?? {};
  const names = schema.rangeKey ? [schema.hashKey, schema.rangeKey] : [schema.hashKey];
  return Object.fromEntries(names.map((name) => [name, item[name]]));
}

function describeOperation(operation: WriteOperation): string {
  return sideWriteOf(operation)?.description ?? describeRecord(operation.record as RecordLike);
}
