import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * The persistence state of one instance, kept behind a symbol so that it cannot collide with
 * attribute accessors and is not part of the public surface.
 * @internal
 */
export interface RecordState {
  /** Decoded attribute values. A persisted record decodes lazily: absent means "read stored". */
  values: Record<string, unknown>;
  /** The attributes as last read from or written to DynamoDB (defaults for a new record). */
  original: Record<string, AttributeValue | undefined>;
  newRecord: boolean;
  destroyed: boolean;
  /** Set by destroy and delete: writing an attribute afterwards throws. */
  frozen: boolean;
  /** At least the size in bytes of the item `boundItem` (persistence/item-sizes.ts). */
  boundItem?: object | undefined;
  itemBound?: number | undefined;
  /** The attributes read with `select(...)`; reading another throws MissingAttributeError. */
  selected?: { readonly model: string; readonly names: ReadonlySet<string> } | undefined;
}

/** @internal */
export const STATE: unique symbol = Symbol('ocean-dynamo.state');

/** The part of the state that a failed save or a cancelled transaction puts back. @internal */
export interface StateSnapshot {
  values: Record<string, unknown>;
  original: Record<string, AttributeValue | undefined>;
  newRecord: boolean;
  destroyed: boolean;
  frozen: boolean;
}

/**
 * The state to put back on failure: the values of `names` (all when not given) and the item
 * held, by reference, since a write replaces `original` and never changes it in place.
 * @internal
 */
export function snapshotState(state: RecordState, names?: readonly string[]): StateSnapshot {
  let values: Record<string, unknown>;
  if (names === undefined) values = { ...state.values };
  else {
    values = {};
    for (const name of names)
      if (Object.hasOwn(state.values, name)) values[name] = state.values[name];
  }
  return {
    values,
    original: state.original,
    newRecord: state.newRecord,
    destroyed: state.destroyed,
    frozen: state.frozen,
  };
}

/**
 * Puts back the persistence state. Only the attributes the library itself set (keys it
 * generated, timestamps, lock) are restored: values the application assigned stay assigned.
 * @internal
 */
export function restoreState(
  state: RecordState,
  snapshot: StateSnapshot,
  managed: readonly string[],
): void {
  for (const name of managed) {
    if (Object.hasOwn(snapshot.values, name)) state.values[name] = snapshot.values[name];
    else delete state.values[name];
  }
  state.original = snapshot.original;
  state.newRecord = snapshot.newRecord;
  state.destroyed = snapshot.destroyed;
  state.frozen = snapshot.frozen;
}
