import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { restoreState, snapshotState, STATE } from '../attributes/record-state.js';
import { bumpLock, expectedLockValue } from '../locking/optimistic.js';
import { modelOf, type RecordLike } from '../persistence/record-internals.js';
import type { WriteOperation } from '../persistence/write-operation.js';
import { buildItem, createOperation, deleteOperation } from '../persistence/write-requests.js';
import { schemaOf } from '../schema/model-class.js';
import { currentTransaction } from '../transactions/context.js';
import { writeTogether } from '../transactions/write-together.js';
import { addTakenValueError, ownerOf, reownGuards, requireHeld } from '../uniqueness/guards.js';

/**
 * The writes that move a persisted child to another parent, all in one transaction: a Put of
 * the item (with any unsaved changes) under the new parent's key, on condition that no item
 * is there; a Delete of the old item under its lock (without locking: on condition that it
 * still exists), holding the unique values it had; and the guards of its unique values
 * re-owned by the new key. The new item's lock is one past the old one's. Sets the reference
 * and the lock on the instance; resolves the item written.
 * @internal
 */
export function moveOperations(
  record: RecordLike,
  foreignKey: string,
  reference: string,
): { operations: WriteOperation[]; item: Record<string, AttributeValue> } {
  const schema = schemaOf(modelOf(record));
  const state = record[STATE];
  const heldOwner = ownerOf(record);
  const expected = expectedLockValue(schema, state);
  const remove = deleteOperation(record, expected, 'move');
  state.values[foreignKey] = reference;
  // The moved item is a new version of the record: a copy read before the move is stale,
  // even once it is moved back under the key the copy names.
  bumpLock(schema, state, expected);
  const item = buildItem(schema, record);
  const put = createOperation(record, item);
  // Guards name the new key: computed with the instance holding it.
  const { guards, required } = withNewKey(record, item, () => reownGuards(record, heldOwner));
  const own = required.length > 0 ? requireHeld(remove, required) : remove;
  return { operations: [put, own, ...guards], item };
}

// The owner of the new guards is the item's new key, which the instance holds only once the
// move is written; itemKey reads the stored key of a persisted record.
function withNewKey<T>(record: RecordLike, item: Record<string, AttributeValue>, body: () => T): T {
  const state = record[STATE];
  const original = state.original;
  const schema = schemaOf(modelOf(record));
  const keyed = { ...original };
  for (const name of schema.keyNames) keyed[name] = item[name];
  state.original = keyed;
  try {
    return body();
  } finally {
    state.original = original;
  }
}

/**
 * Moves a persisted child to another parent in one transaction (see moveOperations). No
 * callbacks run, as for a foreign key update in ActiveRecord's `<<`. On failure the instance
 * is left as it was, and so is DynamoDB.
 * @internal
 */
export async function moveToParent(
  record: RecordLike,
  foreignKey: string,
  reference: string,
): Promise<void> {
  const state = record[STATE];
  currentTransaction()?.track(record);
  const snapshot = snapshotState(state);
  try {
    const { operations, item } = moveOperations(record, foreignKey, reference);
    await writeTogether(operations);
    state.original = item;
  } catch (error) {
    addTakenValueError(error);
    const lock = schemaOf(modelOf(record)).lockAttribute;
    restoreState(state, snapshot, lock ? [foreignKey, lock] : [foreignKey]);
    throw error;
  }
}
