import {
  restoreState,
  snapshotState,
  STATE,
  type StateSnapshot,
} from '../attributes/record-state.js';
import { modelOf, type RecordLike } from '../persistence/record-internals.js';
import type { WriteOperation } from '../persistence/write-operation.js';
import { schemaOf } from '../schema/model-class.js';
import { managedAttributes } from '../timestamps.js';
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
   * block incremented are put back too: their new value was only an estimate.
   */
  restore(): void {
    const counters = new Map<RecordLike, string[]>();
    for (const operation of this.operations) {
      if (operation.action !== 'increment') continue;
      const record = operation.record as RecordLike;
      counters.set(record, [...(counters.get(record) ?? []), ...incrementedNames(operation)]);
    }
    for (const [record, snapshot] of this.snapshots) {
      const managed = managedAttributes(schemaOf(modelOf(record)));
      restoreState(record[STATE], snapshot, [...managed, ...(counters.get(record) ?? [])]);
    }
  }

  async runCommitCallbacks(): Promise<void> {
    for (const callback of this.commits) await callback();
  }
}

// An increment's UpdateExpression is `ADD #n0 :v0` (see incrementOperation).
function incrementedNames(operation: WriteOperation): string[] {
  const match = /^ADD (#\w+) /.exec(
    (operation.input as { UpdateExpression?: string }).UpdateExpression ?? '',
  );
  const names =
    (operation.input as { ExpressionAttributeNames?: Record<string, string> })
      .ExpressionAttributeNames ?? {};
  const name = match?.[1] === undefined ? undefined : names[match[1]];
  return name === undefined ? [] : [name];
}
