import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { STATE, type RecordState } from './record-state.js';

// Set just before `new Model()` so the constructor loads the item instead of applying
// defaults: user subclasses keep their constructors and field initializers.
let pendingItem: Record<string, AttributeValue> | undefined;

/** Builds a persisted instance from a DynamoDB item; values are decoded when read. @internal */
export function instantiate<T>(model: new () => T, item: Record<string, AttributeValue>): T {
  pendingItem = item;
  try {
    return new model();
  } finally {
    pendingItem = undefined;
  }
}

/** The item the constructor being run should load, if any (consumed once). @internal */
export function takePendingItem(): Record<string, AttributeValue> | undefined {
  const item = pendingItem;
  pendingItem = undefined;
  return item;
}

/** As instantiate, for an item read with `select(...)`: only `selected` may be read. @internal */
export function instantiateSelected<T extends object>(
  model: new () => T,
  item: Record<string, AttributeValue>,
  selected: ReadonlySet<string>,
): T {
  const record = instantiate(model, item);
  (record as unknown as Record<typeof STATE, RecordState>)[STATE].selected = {
    model: model.name,
    names: selected,
  };
  return record;
}
