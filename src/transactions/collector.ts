import {
  restoreState,
  snapshotState,
  STATE,
  type StateSnapshot,
} from '../attributes/record-state.js';
import { modelOf, type RecordLike } from '../persistence/record-internals.js';
import type { WriteOperation } from '../persistence/write-operation.js';
import { schemaOf } from '../schema/model-class.js';
import { keptAfterUnknown, managedAttributes } from '../timestamps.js';
import type { TransactionScope } from './context.js';

/**
 * The scope of one `transaction()` block: the queued writes, each record's state as it was
 * before its first change in the block, and the afterCommit callbacks.
 * @internal
 */
export class TransactionCollector implements TransactionScope {
  readonly operations: WriteOperation[] = [];
  private readonly snapshots = new Map<RecordLike, StateSnapshot>();
  private readonly commits: (() => Promise<unknown>)[] = [];

  track(record: object): void {
    const tracked = record as RecordLike;
    if (!this.snapshots.has(tracked)) this.snapshots.set(tracked, snapshotState(tracked[STATE]));
  }

  enqueue(operation: WriteOperation): void {
    this.track(operation.record);
    this.operations.push(operation);
  }

  afterCommit(callback: () => Promise<unknown>): void {
    this.commits.push(callback);
  }

  /**
   * Puts every tracked record's persistence state back as before the block. Counters the
   * block incremented are put back too: their new value was only an estimate. After a
   * WriteOutcomeUnknown (`outcomeUnknown`) a new record keeps the key and timestamps
   * generated for it, so that running the block again repeats the same writes, which are then
   * recognised if the first commit applied (as a single save does).
   */
  restore(outcomeUnknown = false): void {
    const counters = new Map<RecordLike, string[]>();
    for (const operation of this.operations) {
      if (operation.kind !== 'Update' || operation.incremented === undefined) continue;
      const record = operation.record as RecordLike;
      counters.set(record, [...(counters.get(record) ?? []), operation.incremented]);
    }
    for (const [record, snapshot] of this.snapshots) {
      const schema = schemaOf(modelOf(record));
      const managed =
        outcomeUnknown && snapshot.newRecord ? keptAfterUnknown(schema) : managedAttributes(schema);
      restoreState(record[STATE], snapshot, [...managed, ...(counters.get(record) ?? [])]);
    }
  }

  async runCommitCallbacks(): Promise<void> {
    for (const callback of this.commits) await callback();
  }
}
