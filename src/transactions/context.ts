import { AsyncLocalStorage } from 'node:async_hooks';
import type { WriteOperation } from '../persistence/write-operation.js';

/** A transaction being collected: writes are queued, and sent together at the end. @internal */
export interface TransactionScope {
  /** Remembers a record's state before its first change in the block, to restore on failure. */
  track(record: object): void;
  /** Queues a write; its record is tracked first if it was not yet. */
  enqueue(operation: WriteOperation): void;
  /** Runs after the commit (afterCommit callbacks). */
  afterCommit(callback: () => Promise<unknown>): void;
}

/** @internal */
export const transactionStorage = new AsyncLocalStorage<TransactionScope>();

/** The transaction the current async context is inside, if any. @internal */
export function currentTransaction(): TransactionScope | undefined {
  return transactionStorage.getStore();
}
