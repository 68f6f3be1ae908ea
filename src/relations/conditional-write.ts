/**
 * Conditional writes: `save({ if })`, `update(attrs, { if })`, `destroy({ if })`. The
 * conditions (object form or `[attribute, comparator, value]` triples) are ANDed with the
 * write's own condition (the lock, or that a new key is free). DynamoDB returns the item it
 * held when the condition failed, which tells a condition that did not hold (ConditionNotMet)
 * from a stale instance (StaleObjectError) or a taken key (RecordNotUnique).
 *
 * ```ts
 * await topic.update({ status: 'closed' }, { if: { status: 'open' } });
 * await job.destroy({ if: [['attempts', '>=', 3]] });
 * ```
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ConditionNotMet } from '../errors.js';
import { describeRecord, modelOf, type RecordLike } from '../persistence/record-internals.js';
import type { WriteOperation } from '../persistence/write-operation.js';
import { conditionList, type Comparison } from './conditions.js';
import { matchesAll } from './evaluate.js';
import { andExpression } from '../dynamo/condition-expressions.js';
import { readable, type Placeholders } from '../dynamo/expressions.js';

/** Placeholders apart from the write's own (`#c0`, `:c0`), added to its maps. */
function placeholdersOf(input: {
  ExpressionAttributeNames?: Record<string, string> | undefined;
  ExpressionAttributeValues?: Record<string, AttributeValue> | undefined;
}): Placeholders {
  const names = (input.ExpressionAttributeNames ??= {});
  const values = (input.ExpressionAttributeValues ??= {});
  let count = 0;
  return {
    name(attribute) {
      const found = Object.entries(names).find(([, name]) => name === attribute);
      if (found) return found[0];
      const placeholder = `#c${Object.keys(names).length}`;
      names[placeholder] = attribute;
      return placeholder;
    },
    value(value) {
      const placeholder = `:c${count++}`;
      values[placeholder] = value;
      return placeholder;
    },
  };
}

/**
 * The write with `conditions` ANDed to its condition; unchanged without conditions.
 * @internal
 */
export function conditioned(operation: WriteOperation, conditions: unknown): WriteOperation {
  if (conditions === undefined || conditions === null) return operation;
  const record = operation.record as RecordLike;
  const list = conditionList(modelOf(record), conditions);
  if (list.length === 0) return operation;
  const input = { ...operation.input };
  const expression = andExpression(list, placeholdersOf(input));
  // The write's own condition is atomic or parenthesized, and these are comparisons: DynamoDB
  // refuses redundant parentheses, so none are added.
  input.ConditionExpression = input.ConditionExpression
    ? `${input.ConditionExpression} AND ${expression}`
    : expression;
  // DynamoDB refuses an empty map (conditions such as notExists take no value).
  if (Object.keys(input.ExpressionAttributeValues ?? {}).length === 0)
    delete input.ExpressionAttributeValues;
  input.ReturnValuesOnConditionCheckFailure = 'ALL_OLD';
  const own = operation.conditionFailed;
  const creating = operation.kind === 'Put';
  const conditionFailed = (held: Record<string, AttributeValue> | undefined, cause: unknown) => {
    // A create fails on an item holding its key (own) or on conditions an absent item fails;
    // an update or destroy on a missing or changed item (own) or on conditions the held item
    // fails.
    const notMet = creating
      ? held === undefined && !matchesAll({}, list)
      : held !== undefined && !matchesAll(held, list);
    if (notMet || !own) return conditionNotMet(record, list, cause);
    return own(held, cause);
  };
  return { ...operation, input, conditionFailed } as WriteOperation;
}

function conditionNotMet(
  record: RecordLike,
  conditions: readonly Comparison[],
  cause: unknown,
): Error {
  return new ConditionNotMet(
    `${describeRecord(record)} was not written: the condition ${andExpression(conditions, readable)} did not hold`,
    { record, cause },
  );
}
