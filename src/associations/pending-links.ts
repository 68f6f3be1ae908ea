/**
 * Records built through a hasAndBelongsToMany collection (`post.tags.build(attrs)`) are
 * linked to their owner when they are first saved: an after-create callback of their model
 * writes the links, in the same transaction as the record inside `transaction()` (which is
 * how the collection's `create` writes a record and its links in one request).
 */
import type { RecordLike } from '../persistence/record-internals.js';
import { callbacksOf, type ModelClass } from '../schema/model-class.js';
import { writeTogether } from '../transactions/write-together.js';
import { linkOperations } from './link-table.js';

const pending = new WeakMap<object, RecordLike[]>();
const hooked = new WeakSet<object>();

/** Links `record` to `owner` when the record is created. @internal */
export function linkWhenCreated(record: RecordLike, owner: RecordLike): void {
  hookCreates(record.constructor as unknown as ModelClass);
  pending.set(record, [...(pending.get(record) ?? []), owner]);
}

/** Gives the model the after-create callback that writes pending links (once). @internal */
export function hookCreates(model: ModelClass): void {
  if (hooked.has(model)) return;
  hooked.add(model);
  callbacksOf(model, true).add('create', 'after', async (record: unknown) => {
    const owners = pending.get(record as object);
    if (!owners) return;
    pending.delete(record as object);
    await writeTogether(owners.flatMap((owner) => linkOperations(owner, record as RecordLike)));
  });
}
