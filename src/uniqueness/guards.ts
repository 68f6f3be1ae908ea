/**
 * The guard items that enforce unique values. A write of a record with unique attributes
 * carries, in the same transaction:
 * - create: a Put of a guard per non-blank unique value, on condition that no other record
 *   owns it;
 * - update that changes a unique value: a Put of the new value's guard (same condition) and
 *   a Delete of the old one's;
 * - destroy and delete: a Delete of each guard the record owns.
 * A taken value cancels the transaction; it becomes the validation error "has already been
 * taken" on that attribute (`save` → false, `saveOrThrow` → RecordInvalid).
 */
import { DeleteItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { readValue } from '../attributes/attribute-access.js';
import { sameAttributeValue } from '../attributes/attribute-value-equality.js';
import { STATE } from '../attributes/record-state.js';
import { modelSend } from '../connection/model-request.js';
import { RecordInvalid } from '../errors.js';
import { ExpressionBuilder } from '../persistence/expressions.js';
import { itemKey, modelOf, type RecordLike } from '../persistence/record-internals.js';
import type { WriteOperation } from '../persistence/write-operation.js';
import { schemaOf, tableFullNameOf, type ModelClass } from '../schema/model-class.js';
import { markSideWrite } from '../transactions/side-writes.js';
import { resolveMessage } from '../validations/message.js';
import { uniqueAttributesOf, type UniqueAttribute } from './declaration.js';
import { GUARD_KEY, GUARD_OWNER, guardModelOf } from './guard-table.js';

const conflicts = new WeakSet<Error>();

/** The guard writes that go with a record's write (none for touch and increment). @internal */
export function guardOperations(operation: WriteOperation): WriteOperation[] {
  if (operation.action === 'touch' || operation.action === 'increment') return [];
  const record = operation.record as RecordLike;
  const model = modelOf(record);
  const uniques = uniqueAttributesOf(model);
  if (uniques.length === 0) return [];
  const schema = schemaOf(model);
  const state = record[STATE];
  const owner = JSON.stringify(itemKey(schema, state));
  const result: WriteOperation[] = [];
  for (const unique of uniques) {
    const field = schema.fields.get(unique.name);
    if (!field) continue;
    const stored = state.newRecord ? undefined : state.original[unique.name];
    const current = field.codec.toAttributeValue(readValue(state, field));
    const claim =
      operation.action === 'create' ||
      (operation.action === 'update' && !sameAttributeValue(stored, current));
    const release = operation.action !== 'create' && (operation.action !== 'update' || claim);
    if (claim && current !== undefined)
      result.push(putGuard(model, record, unique, current, owner));
    if (release && stored !== undefined)
      result.push(deleteGuard(model, record, unique.name, stored));
  }
  return result;
}

/** Whether an error is a unique value found taken (already added to the record's errors). @internal */
export function isUniquenessConflict(error: unknown): boolean {
  return error instanceof Error && conflicts.has(error);
}

function describeGuard(model: ModelClass, attribute: string): string {
  return `the guard of a unique ${model.name}.${attribute} value`;
}

function guardValue(attribute: string, value: AttributeValue): AttributeValue {
  return { S: `${attribute}#${value.S ?? value.N ?? ''}` };
}

function putGuard(
  model: ModelClass,
  record: RecordLike,
  unique: UniqueAttribute,
  value: AttributeValue,
  owner: string,
): WriteOperation {
  const expression = new ExpressionBuilder();
  // The owner may write its own guard again (a value given back and taken again).
  const condition = `attribute_not_exists(${expression.name(GUARD_KEY)}) OR ${expression.name(GUARD_OWNER)} = ${expression.value({ S: owner })}`;
  const operation: WriteOperation = {
    kind: 'Put',
    action: 'create',
    record,
    input: {
      TableName: tableFullNameOf(guardModelOf(model)),
      Item: { [GUARD_KEY]: guardValue(unique.name, value), [GUARD_OWNER]: { S: owner } },
      ConditionExpression: condition,
      ...expression.maps(),
    },
    conditionFailed: () => taken(model, record, unique),
  };
  return markSideWrite(
    operation,
    { [GUARD_KEY]: guardValue(unique.name, value) },
    describeGuard(model, unique.name),
  );
}

// Unconditional: the record's own write, in the same transaction, is conditioned on its lock.
function deleteGuard(
  model: ModelClass,
  record: RecordLike,
  attribute: string,
  value: AttributeValue,
): WriteOperation {
  const operation: WriteOperation = {
    kind: 'Delete',
    action: 'delete',
    record,
    input: {
      TableName: tableFullNameOf(guardModelOf(model)),
      Key: { [GUARD_KEY]: guardValue(attribute, value) },
    },
    conditionFailed: null,
  };
  return markSideWrite(
    operation,
    { [GUARD_KEY]: guardValue(attribute, value) },
    describeGuard(model, attribute),
  );
}

function taken(model: ModelClass, record: RecordLike, unique: UniqueAttribute): Error {
  const value = record.readAttribute(unique.name);
  record.errors.add(
    unique.name,
    resolveMessage(unique.message, 'has already been taken', record, unique.name, value, undefined),
  );
  const error = new RecordInvalid(
    `Validation failed for ${model.name}: ${record.errors.fullMessages.join(', ')}`,
    { record },
  );
  conflicts.add(error);
  return error;
}

/**
 * Frees the unique values of an item removed without its instance (`Model.delete(h, r)`):
 * one DeleteItem per guard, after the item is gone.
 * @internal
 */
export async function releaseGuards(
  model: ModelClass,
  item: Record<string, AttributeValue>,
): Promise<void> {
  const uniques = uniqueAttributesOf(model);
  if (uniques.length === 0) return;
  const guardModel = guardModelOf(model);
  for (const unique of uniques) {
    const value = item[unique.name];
    if (value?.S === undefined && value?.N === undefined) continue;
    await modelSend(
      guardModel,
      new DeleteItemCommand({
        TableName: tableFullNameOf(guardModel),
        Key: { [GUARD_KEY]: guardValue(unique.name, value) },
      }),
    );
  }
}
