import type { WriteOperation } from '../persistence/write-operation.js';
import { currentTransaction } from './context.js';
import { sendTransaction } from './transact-write.js';

/**
 * Writes that must happen together: queued into the current `transaction()`, or sent now as
 * one TransactWriteItems.
 * @internal
 */
export async function writeTogether(operations: readonly WriteOperation[]): Promise<void> {
  const transaction = currentTransaction();
  if (transaction) {
    for (const operation of operations) transaction.enqueue(operation);
    return;
  }
  await sendTransaction(operations);
}
