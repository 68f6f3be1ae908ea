import {
  restoreState,
  snapshotState,
  STATE,
  type RecordState,
} from '../attributes/record-state.js';
import { performWrite } from '../persistence/perform-write.js';
import { itemKey, type RecordLike } from '../persistence/record-internals.js';
import { buildItem, createOperation } from '../persistence/write-requests.js';
import { schemaOf, tableFullNameOf, type ModelClass } from '../schema/model-class.js';

/**
 * Moves a persisted child to another parent. A DynamoDB key cannot be updated, so the item
 * (with any unsaved changes) is created under the new parent's key, then the old item is
 * deleted. No callbacks run, as for a foreign key update in ActiveRecord's `<<`. On failure
 * the instance is left as it was.
 * @internal
 */
export async function moveToParent(
  record: RecordLike,
  foreignKey: string,
  reference: string,
): Promise<void> {
  const model = record.constructor as unknown as ModelClass;
  const schema = schemaOf(model);
  const state: RecordState = record[STATE];
  const oldKey = itemKey(schema, state);
  const snapshot = snapshotState(state);
  try {
    state.values[foreignKey] = reference;
    const item = buildItem(schema, record);
    await performWrite(createOperation(record, item));
    await performWrite({
      kind: 'Delete',
      action: 'delete',
      record,
      input: { TableName: tableFullNameOf(model), Key: oldKey },
      conditionFailed: null,
    });
    state.original = item;
  } catch (error) {
    restoreState(state, snapshot, [foreignKey]);
    throw error;
  }
}
