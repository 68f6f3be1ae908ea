import type { WriteOperation } from '../persistence/write-operation.js';
import { currentTransaction } from './context.js';
import { parentChecks } from './parent-checks.js';
import { MAX_TRANSACTION_ACTIONS, sendTransaction } from './transact-write.js';

/**
 * Writes that must happen together: queued into the current `transaction()`, or sent now as
 * one TransactWriteItems with the lock checks of any destroy under way (parent-checks.ts).
 * @internal
 */
export async function writeTogether(operations: readonly WriteOperation[]): Promise<void> {
  await writeGroups([operations]);
}

/**
 * Groups of writes, each of which must happen whole (an item and its guards, a move, both
 * items of a link), packed into as few TransactWriteItems as DynamoDB's limit of 100 actions
 * allows, each carrying the current lock checks. Not atomic across transactions: a failure
 * midway leaves the groups sent before it written, each of them whole. Inside
 * `transaction()` everything is queued.
 * @internal
 */
export async function writeGroups(groups: readonly (readonly WriteOperation[])[]): Promise<void> {
  const transaction = currentTransaction();
  if (transaction) {
    for (const group of groups) for (const operation of group) transaction.enqueue(operation);
    return;
  }
  const checks = parentChecks(groups.flat());
  const room = MAX_TRANSACTION_ACTIONS - checks.length;
  let batch: WriteOperation[] = [];
  for (const group of groups) {
    if (batch.length > 0 && batch.length + group.length > room) {
      await sendTransaction([...batch, ...checks]);
      batch = [];
    }
    batch.push(...group);
  }
  if (batch.length > 0) await sendTransaction([...batch, ...checks]);
}
