/**
 * At least the size of the item a record holds, counted once per item: what a create wrote
 * or a read returned is what the next update starts from, and an update counts only what it
 * changes. Kept on the record's state (an item object is replaced on every write, never
 * changed in place), so that nothing outlives the record.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { RecordState } from '../attributes/record-state.js';
import { changedItemBound, itemBound } from '../dynamo/item-size.js';

/** At least the size of `state.original`. @internal */
export function heldItemBound(state: RecordState): number {
  if (state.boundItem !== state.original || state.itemBound === undefined) {
    state.boundItem = state.original;
    state.itemBound = itemBound(state.original);
  }
  return state.itemBound;
}

/** Notes the bound of an item about to be written, valid once it is the record's original. @internal */
export function noteItemBound(state: RecordState, item: object, bound: number): void {
  state.boundItem = item;
  state.itemBound = bound;
}

/** At least the size of the record's item once `changes` are applied. @internal */
export function updatedItemBound(
  state: RecordState,
  changes: ReadonlyMap<string, AttributeValue | undefined>,
): number {
  return changedItemBound(state.original, heldItemBound(state), changes);
}

/** The record's item once `changes` are applied, to be counted exactly. @internal */
export function changedItem(
  state: RecordState,
  changes: ReadonlyMap<string, AttributeValue | undefined>,
): Record<string, AttributeValue | undefined> {
  const item = { ...state.original };
  for (const [name, value] of changes) item[name] = value;
  return item;
}
