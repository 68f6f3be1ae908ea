/**
 * The size of the item a record holds, counted once per item: what a create wrote or a read
 * returned is what the next update starts from, and an update counts only what it changes.
 * Kept on the record's state (an item object is replaced on every write, never changed in
 * place), so that nothing outlives the record.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { RecordState } from '../attributes/record-state.js';
import { changedItemSize, itemSize } from '../dynamo/item-size.js';

/** The size of `state.original`. @internal */
export function heldItemSize(state: RecordState): number {
  if (state.sizedItem !== state.original || state.itemBytes === undefined) {
    state.sizedItem = state.original;
    state.itemBytes = itemSize(state.original);
  }
  return state.itemBytes;
}

/** Notes the size of an item about to be written, valid once it is the record's original. @internal */
export function noteItemSize(state: RecordState, item: object, bytes: number): void {
  state.sizedItem = item;
  state.itemBytes = bytes;
}

/** The size of the record's item once `changes` are applied. @internal */
export function updatedItemSize(
  state: RecordState,
  changes: ReadonlyMap<string, AttributeValue | undefined>,
): number {
  return changedItemSize(state.original, heldItemSize(state), changes);
}
