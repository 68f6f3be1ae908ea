/**
 * The guard items that enforce unique values. A write of a record with unique attributes
 * carries, in the same transaction:
 * - create: a Put of a guard per non-blank unique value, on condition that no other record
 *   owns it;
 * - update that changes a unique value: a Put of the new value's guard (same condition) and
 *   a Delete of the old one's;
 * - destroy and delete: a Delete of each guard the record owns;
 * - a move to another parent: each guard re-owned by the new key.
 * A guard is deleted only on condition that the record owns it, and the values released are
 * the ones DynamoDB holds: the record's own write is conditioned on the unique attributes
 * still holding the values whose guards it releases. When they differ (a stale instance, a
 * model without locking), the write is planned again from the item DynamoDB returned with the
 * failure (ReturnValuesOnConditionCheckFailure ALL_OLD), so a stale copy never frees a value
 * another record holds. A taken value cancels the transaction; it becomes the validation
 * error "has already been taken" on that attribute (`save` → false, `saveOrThrow` →
 * RecordInvalid).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { readValue } from '../attributes/attribute-access.js';
import { sameAttributeValue } from '../attributes/attribute-value-equality.js';
import { STATE } from '../attributes/record-state.js';
import { DynamoError, RecordInvalid } from '../errors.js';
import { expectedLockValue } from '../locking/optimistic.js';
import { ExpressionBuilder } from '../dynamo/expressions.js';
import {
  describeRecord,
  itemKey,
  modelOf,
  type RecordLike,
} from '../persistence/record-internals.js';
import type { WriteOperation } from '../persistence/write-operation.js';
import { schemaOf, tableFullNameOf, type ModelClass } from '../schema/model-class.js';
import { markSideWrite } from '../transactions/side-writes.js';
import { resolveMessage } from '../validations/message.js';
import { uniqueAttributesOf, type UniqueAttribute } from './declaration.js';
import { GUARD_KEY, GUARD_OWNER, guardModelOf } from './guard-table.js';

type Item = Record<string, AttributeValue>;

/** A record's own write and the guard writes that go with it. @internal */
export interface GuardedWrite {
  readonly own: WriteOperation;
  readonly guards: WriteOperation[];
}

/** What a failed attempt says about planning the write again. @internal */
export type Replan =
  | { readonly kind: 'held'; readonly item: Item }
  | { readonly kind: 'gone' }
  | { readonly kind: 'foreign'; readonly guard: string };

/** A unique value found taken: the validation error it makes on its record. */
interface TakenValue {
  readonly record: RecordLike;
  readonly attribute: string;
  readonly message: string;
}

const conflicts = new WeakMap<Error, TakenValue>();
const replans = new WeakMap<Error, Replan>();

/**
 * When an error is a unique value found taken, adds it to its record's errors ("has already
 * been taken", as a failed validation would) and returns true.
 * @internal
 */
export function addTakenValueError(error: unknown): boolean {
  const conflict = error instanceof Error ? conflicts.get(error) : undefined;
  if (conflict === undefined) return false;
  conflict.record.errors.add(conflict.attribute, conflict.message);
  return true;
}

/** How to plan a write again after this error, if it says. @internal */
export function replanOf(error: unknown): Replan | undefined {
  return error instanceof Error ? replans.get(error) : undefined;
}

/**
 * Plans the guard writes of a record's write. `held` is the item as DynamoDB held it when an
 * earlier attempt failed (it replaces what the instance read); guards in `foreign` are owned
 * by another record and left alone.
 * @internal
 */
export function planGuards(
  operation: WriteOperation,
  held?: Item,
  foreign: ReadonlySet<string> = new Set(),
): GuardedWrite {
  const action = operation.action;
  if (action === 'touch' || action === 'increment' || action === 'check')
    return { own: operation, guards: [] };
  const record = operation.record as RecordLike;
  const model = modelOf(record);
  const uniques = uniqueAttributesOf(model);
  if (uniques.length === 0) return { own: operation, guards: [] };
  const schema = schemaOf(model);
  const state = record[STATE];
  const owner = ownerOf(record);
  const base = held ?? state.original;
  const guards: WriteOperation[] = [];
  const required: [string, AttributeValue | undefined][] = [];
  for (const unique of uniques) {
    const field = schema.fields.get(unique.name);
    if (!field) continue;
    const stored = action === 'create' ? undefined : base[unique.name];
    const current = field.codec.toAttributeValue(readValue(state, field));
    const claim =
      action === 'create' || (action === 'update' && !sameAttributeValue(stored, current));
    const release = action !== 'create' && (action !== 'update' || claim);
    if (claim && current !== undefined)
      guards.push(putGuard(model, record, unique, current, [owner]));
    if (!release) continue;
    required.push([unique.name, stored]);
    if (stored !== undefined && !foreign.has(guardKey(unique.name, stored)))
      guards.push(deleteGuard(model, record, unique.name, stored, owner));
  }
  if (action === 'create' || required.length === 0) return { own: operation, guards };
  return { own: requireHeld(operation, required), guards };
}

/**
 * The guard writes of a record moving from `heldOwner` (its old key) to its current key, and
 * the unique values its old item must still hold: a value kept is re-owned by one Put, a
 * value changed in the same move is released and claimed.
 * @internal
 */
export function reownGuards(
  record: RecordLike,
  heldOwner: string,
): { guards: WriteOperation[]; required: [string, AttributeValue | undefined][] } {
  const model = modelOf(record);
  const schema = schemaOf(model);
  const state = record[STATE];
  const owner = ownerOf(record);
  const guards: WriteOperation[] = [];
  const required: [string, AttributeValue | undefined][] = [];
  for (const unique of uniqueAttributesOf(model)) {
    const field = schema.fields.get(unique.name);
    if (!field) continue;
    const stored = state.original[unique.name];
    const current = field.codec.toAttributeValue(readValue(state, field));
    required.push([unique.name, stored]);
    if (current !== undefined && sameAttributeValue(stored, current)) {
      guards.push(putGuard(model, record, unique, current, [owner, heldOwner]));
      continue;
    }
    if (stored !== undefined)
      guards.push(deleteGuard(model, record, unique.name, stored, heldOwner));
    if (current !== undefined) guards.push(putGuard(model, record, unique, current, [owner]));
  }
  return { guards, required };
}

/** The owner a record's guards name: its DynamoDB key as JSON. @internal */
export function ownerOf(record: RecordLike): string {
  return JSON.stringify(itemKey(schemaOf(modelOf(record)), record[STATE]));
}

/**
 * Adds to a record's own write the condition that each named attribute still holds the given
 * value (absent for undefined), and asks for the item held when it does not.
 * @internal
 */
export function requireHeld(
  operation: WriteOperation,
  required: readonly [string, AttributeValue | undefined][],
): WriteOperation {
  const names: Record<string, string> = { ...operation.input.ExpressionAttributeNames };
  const values: Record<string, AttributeValue> = { ...operation.input.ExpressionAttributeValues };
  const parts = required.map(([name, value], i) => {
    names[`#u${i}`] = name;
    if (value === undefined) return `attribute_not_exists(#u${i})`;
    values[`:u${i}`] = value;
    return `#u${i} = :u${i}`;
  });
  const existing = operation.input.ConditionExpression;
  // DynamoDB refuses parentheses it does not need.
  const grouped =
    existing && existing.includes(' OR ') && !/^\(.*\)$/.test(existing)
      ? `(${existing})`
      : existing;
  const input = {
    ...operation.input,
    ConditionExpression: [grouped, ...parts].filter(Boolean).join(' AND '),
    ExpressionAttributeNames: names,
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  };
  return {
    ...operation,
    input,
    conditionFailed: (item: Item | undefined, cause: unknown) =>
      heldChanged(operation, item, cause),
  } as WriteOperation;
}

// The record's own write failed its condition: stale (the lock moved), gone, or holding other
// unique values than the instance read (then it is planned again from the item returned).
function heldChanged(operation: WriteOperation, item: Item | undefined, cause: unknown): Error {
  const record = operation.record as RecordLike;
  const schema = schemaOf(modelOf(record));
  const fallback = () =>
    operation.conditionFailed?.(item, cause) ??
    new DynamoError(`${describeRecord(record)} changed since it was read`, { record, cause });
  if (item === undefined) {
    const error = fallback();
    if (operation.action === 'delete') replans.set(error, { kind: 'gone' });
    return error;
  }
  const lock = schema.lockAttribute;
  const expected = expectedLockValue(schema, record[STATE]);
  const heldLock = lock ? Number(item[lock]?.N ?? 0) : null;
  const error = fallback();
  if (expected === null || heldLock === expected || operation.action === 'delete')
    replans.set(error, { kind: 'held', item });
  return error;
}

function describeGuard(model: ModelClass, attribute: string): string {
  return `the guard of a unique ${model.name}.${attribute} value`;
}

function guardKey(attribute: string, value: AttributeValue): string {
  return `${attribute}#${value.S ?? value.N ?? ''}`;
}

function putGuard(
  model: ModelClass,
  record: RecordLike,
  unique: UniqueAttribute,
  value: AttributeValue,
  owners: readonly string[],
): WriteOperation {
  const expression = new ExpressionBuilder();
  const free = `attribute_not_exists(${expression.name(GUARD_KEY)})`;
  const owner = expression.name(GUARD_OWNER);
  // The owner may write its own guard again (a value given back and taken again, a move).
  const condition = [
    free,
    ...owners.map((name) => `${owner} = ${expression.value({ S: name })}`),
  ].join(' OR ');
  const key = { [GUARD_KEY]: { S: guardKey(unique.name, value) } };
  const operation: WriteOperation = {
    kind: 'Put',
    action: 'create',
    record,
    input: {
      TableName: tableFullNameOf(guardModelOf(model)),
      Item: { ...key, [GUARD_OWNER]: { S: owners[0] as string } },
      ConditionExpression: condition,
      ...expression.maps(),
    },
    conditionFailed: (_held, cause) => taken(model, record, unique, cause),
  };
  return markSideWrite(operation, key, describeGuard(model, unique.name));
}

// Only a guard the record owns (or none at all) is deleted.
function deleteGuard(
  model: ModelClass,
  record: RecordLike,
  attribute: string,
  value: AttributeValue,
  owner: string,
): WriteOperation {
  const guard = guardKey(attribute, value);
  const key = { [GUARD_KEY]: { S: guard } };
  const operation: WriteOperation = {
    kind: 'Delete',
    action: 'delete',
    record,
    input: {
      TableName: tableFullNameOf(guardModelOf(model)),
      Key: key,
      ConditionExpression: 'attribute_not_exists(#g) OR #o = :o',
      ExpressionAttributeNames: { '#g': GUARD_KEY, '#o': GUARD_OWNER },
      ExpressionAttributeValues: { ':o': { S: owner } },
    },
    conditionFailed: (_held, cause) => {
      const error = new DynamoError(
        `${describeGuard(model, attribute)} held by ${describeRecord(record)} is owned by another record`,
        { record, cause },
      );
      replans.set(error, { kind: 'foreign', guard });
      return error;
    },
  };
  return markSideWrite(operation, key, describeGuard(model, attribute));
}

// The error says what the record's errors will say once the conflict is added to them
// (addTakenValueError, where the write's caller handles it).
function taken(
  model: ModelClass,
  record: RecordLike,
  unique: UniqueAttribute,
  cause: unknown,
): Error {
  const value = record.readAttribute(unique.name);
  const message = resolveMessage(
    unique.message,
    'has already been taken',
    record,
    unique.name,
    value,
    undefined,
  );
  const messages = [...record.errors.fullMessages, record.errors.fullMessage(unique.name, message)];
  const error = new RecordInvalid(`Validation failed for ${model.name}: ${messages.join(', ')}`, {
    record,
    cause,
  });
  conflicts.set(error, { record, attribute: unique.name, message });
  return error;
}
