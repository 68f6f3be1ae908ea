import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { readValue } from '../attributes/attribute-access.js';
import { sameAttributeValue } from '../attributes/attribute-value-equality.js';
import { numberText } from '../attributes/codecs/number-text.js';
import { RecordNotFound, RecordNotUnique, StaleObjectError } from '../errors.js';
import { schemaOf, tableFullNameOf } from '../schema/model-class.js';
import type { ModelSchema } from '../schema/model-schema.js';
import { ExpressionBuilder } from '../dynamo/expressions.js';
import { assertItemFits, itemBound } from '../dynamo/item-size.js';
import { changedItem, noteItemBound, updatedItemBound } from './item-sizes.js';
import type { Changes } from '../attributes/dirty.js';
import { assertKeyValue } from '../dynamo/keys.js';
import {
  describeRecord,
  itemKey,
  keyValues,
  modelOf,
  type RecordLike,
} from './record-internals.js';
import { STATE, type RecordState } from '../attributes/record-state.js';
import type { ConditionFailure, WriteOperation } from './write-operation.js';

/** The whole item of a record, every attribute serialized. @internal */
export function buildItem(schema: ModelSchema, record: RecordLike): Record<string, AttributeValue> {
  const state = record[STATE];
  const item: Record<string, AttributeValue> = {};
  for (const field of schema.fields.values()) {
    const value = field.codec.toAttributeValue(readValue(state, field));
    if (value !== undefined) item[field.name] = value;
  }
  return item;
}

/** Checks the key attributes of an item before it is sent. @internal */
export function assertKeys(
  schema: ModelSchema,
  modelName: string,
  item: Record<string, AttributeValue>,
  record?: unknown,
): void {
  assertKeyValue(modelName, schema.hashKey, 'hash', item[schema.hashKey], record);
  if (schema.rangeKey)
    assertKeyValue(modelName, schema.rangeKey, 'range', item[schema.rangeKey], record);
}

/** A put that fails instead of overwriting an existing item. @internal */
export function createOperation(
  record: RecordLike,
  item: Record<string, AttributeValue>,
): WriteOperation {
  const model = modelOf(record);
  const schema = schemaOf(model);
  assertKeys(schema, model.name, item, record);
  const bound = itemBound(item);
  assertItemFits(model.name, bound, () => item, record);
  noteItemBound(record[STATE], item, bound);
  return {
    kind: 'Put',
    action: 'create',
    record,
    input: {
      TableName: tableFullNameOf(model),
      Item: item,
      ConditionExpression: 'attribute_not_exists(#n0)',
      ExpressionAttributeNames: { '#n0': schema.hashKey },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
    conditionFailed: (_held, cause) =>
      new RecordNotUnique(`${describeRecord(record)} already exists: a create never overwrites`, {
        record,
        cause,
      }),
    // After a lost answer, this very item there is this create, applied. (Not otherwise: two
    // racing creates of one key may well write equal items.)
    applied: (held, uncertain) => uncertain && held !== undefined && sameItem(held, item),
  };
}

function sameItem(a: Record<string, AttributeValue>, b: Record<string, AttributeValue>): boolean {
  const names = Object.keys(a);
  return (
    names.length === Object.keys(b).length &&
    names.every((name) => sameAttributeValue(a[name], b[name]))
  );
}

/** Adds the optimistic-lock condition (or, without locking, that the item still exists). */
function lockCondition(
  schema: ModelSchema,
  expression: ExpressionBuilder,
  expected: number | null,
  state: RecordState,
): string {
  const lock = schema.lockAttribute;
  if (!lock || expected === null) return `attribute_exists(${expression.name(schema.hashKey)})`;
  const name = expression.name(lock);
  const value = expression.value({ N: String(expected) });
  // Items written before locking was turned on have no lock attribute: they count as version
  // 0. An item read or written with one must still hold it: then the version alone decides.
  return expected === 0 && state.original[lock] === undefined
    ? `(${name} = ${value} OR (attribute_exists(${expression.name(schema.hashKey)}) AND attribute_not_exists(${name})))`
    : `${name} = ${value}`;
}

function staleError(record: RecordLike, action: string): ConditionFailure {
  return (_held, cause) =>
    new StaleObjectError(
      `Attempted to ${action} a stale object: ${describeRecord(record)} was changed or deleted since it was read (reload and try again)`,
      action,
      { record, cause },
    );
}

/**
 * An update of the changed attributes, given with their encoded values (SET, or REMOVE for
 * empty values), conditioned on the lock value `expectedLock` and bumping it to
 * `expectedLock + 1`.
 * @internal
 */
export function updateOperation(
  record: RecordLike,
  changes: Changes,
  expectedLock: number | null,
  action: 'update' | 'touch',
): WriteOperation | null {
  const model = modelOf(record);
  const schema = schemaOf(model);
  const state = record[STATE];
  const expression = new ExpressionBuilder();
  const sets: string[] = [];
  const removes: string[] = [];
  const lock = schema.lockAttribute;
  for (const [name, value] of changes) {
    if (name === lock) continue;
    if (value === undefined) removes.push(expression.name(name));
    else sets.push(`${expression.name(name)} = ${expression.value(value)}`);
  }
  const bumped = lock && expectedLock !== null ? { N: String(expectedLock + 1) } : undefined;
  if (lock && bumped) sets.push(`${expression.name(lock)} = ${expression.value(bumped)}`);
  if (sets.length === 0 && removes.length === 0) return null;
  // The item as it will be after the update must fit DynamoDB's limit.
  assertItemFits(
    model.name,
    updatedItemBound(state, changes),
    () => changedItem(state, changes),
    record,
  );
  const condition = lockCondition(schema, expression, expectedLock, record[STATE]);
  let update = sets.length > 0 ? `SET ${sets.join(', ')}` : '';
  if (removes.length > 0) update += `${update ? ' ' : ''}REMOVE ${removes.join(', ')}`;
  return {
    kind: 'Update',
    action,
    record,
    input: {
      TableName: tableFullNameOf(model),
      Key: itemKey(schema, state),
      UpdateExpression: update,
      ConditionExpression: condition,
      ...expression.maps(),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
    conditionFailed: staleError(record, action),
    // After a lost answer, the lock one past the expected value with these values is this
    // update, applied (the update timestamp aside: saving again after an unknown outcome
    // stamps a new one). Without a lock nothing tells it from another one.
    applied:
      lock && bumped
        ? (held, uncertain) =>
            uncertain &&
            held !== undefined &&
            sameAttributeValue(held[lock], bumped) &&
            [...changes].every(
              ([name, value]) =>
                name === lock ||
                name === (schema.timestampAttributes || [])[1] ||
                sameAttributeValue(held[name], value),
            )
        : undefined,
  };
}

/**
 * A delete: conditioned on the lock value for destroy, on the lock (or, without locking, the
 * item's existence) for a move, unconditional for delete.
 * @internal
 */
export function deleteOperation(
  record: RecordLike,
  expectedLock: number | null,
  action: 'destroy' | 'delete' | 'move',
): WriteOperation {
  const model = modelOf(record);
  const schema = schemaOf(model);
  const expression = new ExpressionBuilder();
  const conditional =
    action === 'move' || (schema.lockAttribute !== false && expectedLock !== null);
  const condition = conditional
    ? lockCondition(schema, expression, expectedLock, record[STATE])
    : undefined;
  return {
    kind: 'Delete',
    action,
    record,
    input: {
      TableName: tableFullNameOf(model),
      Key: itemKey(schema, record[STATE]),
      ...(condition
        ? {
            ConditionExpression: condition,
            ...expression.maps(),
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
          }
        : {}),
    },
    conditionFailed: conditional ? staleError(record, action) : null,
    // Gone after an attempt that may have applied: this delete's work is done.
    applied: (held, uncertain) => uncertain && held === undefined,
  };
}

/**
 * A ConditionCheck of the record's lock (or, without locking, of its existence): what the
 * writes of a destroy's dependents carry, so that none applies if the record is stale.
 * @internal
 */
export function lockCheckOperation(
  record: RecordLike,
  expectedLock: number | null,
): WriteOperation {
  const model = modelOf(record);
  const schema = schemaOf(model);
  const expression = new ExpressionBuilder();
  const condition = lockCondition(schema, expression, expectedLock, record[STATE]);
  return {
    kind: 'ConditionCheck',
    action: 'check',
    record,
    input: {
      TableName: tableFullNameOf(model),
      Key: itemKey(schema, record[STATE]),
      ConditionExpression: condition,
      ...expression.maps(),
    },
    conditionFailed: staleError(record, 'destroy'),
  };
}

/** An atomic ADD to a number attribute, returning the new value; no lock, no timestamps. @internal */
export function incrementOperation(record: RecordLike, name: string, by: number): WriteOperation {
  const model = modelOf(record);
  const schema = schemaOf(model);
  const expression = new ExpressionBuilder();
  const attribute = expression.name(name);
  const amount = expression.value({ N: numberText(by) });
  return {
    kind: 'Update',
    action: 'increment',
    record,
    incremented: name,
    input: {
      TableName: tableFullNameOf(model),
      Key: itemKey(schema, record[STATE]),
      UpdateExpression: `ADD ${attribute} ${amount}`,
      ConditionExpression: `attribute_exists(${expression.name(schema.hashKey)})`,
      ReturnValues: 'UPDATED_NEW',
      ...expression.maps(),
    },
    conditionFailed: (_held, cause) =>
      new RecordNotFound(
        `Couldn't find ${describeRecord(record)} to increment '${name}'`,
        [keyValues(schema, record[STATE])],
        { record, cause },
      ),
  };
}
