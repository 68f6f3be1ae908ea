/**
 * `transaction()`: the writes made inside the block are collected and sent together as one
 * DynamoDB TransactWriteItems request, so they all happen or none does.
 *
 * ```ts
 * await transaction(async () => {
 *   from.balance -= 10; await from.saveOrThrow();
 *   to.balance += 10;   await to.saveOrThrow();
 *   await Transfer.createOrThrow({ from: from.id, to: to.id, amount: 10 });
 * });
 * ```
 *
 * - Saves, creates, destroys, deletes, touches and increments are queued with their
 *   conditions (lock value, key-not-exists) and guard items; nothing is visible in DynamoDB
 *   before the commit. Reads (`find`, queries, `reload`) go to DynamoDB at once and do not
 *   see the queued writes.
 * - `save` still resolves to false when validation fails or a callback halts, and the block
 *   goes on: the application decides. `saveOrThrow` throws, which aborts the block before
 *   anything is sent.
 * - When DynamoDB cancels the transaction, `transaction()` throws the failing record's own
 *   error (`StaleObjectError`, `RecordNotUnique`, or `RecordInvalid` for a unique value that
 *   is taken), and every instance written in the block has its persistence state back as
 *   before the block. Values the application assigned stay assigned, as in ActiveRecord.
 * - `afterCommit` callbacks run after the commit, in the order their records were saved.
 * - At most 100 writes (guard items of unique attributes count), one per item: more, or a
 *   second write of the same item, throws before anything is sent.
 * - `increment` inside a block resolves to an estimate (the value read plus the amount): a
 *   transaction cannot return the new value. `reload()` after the commit reads the real one.
 * - A `transaction()` inside another one joins it.
 */
import { WriteOutcomeUnknown } from '../errors.js';
import { addTakenValueError } from '../uniqueness/guards.js';
import { currentTransaction, transactionStorage } from './context.js';
import { TransactionCollector } from './collector.js';
import { sendTransaction } from './transact-write.js';

/**
 * Runs `body`, collecting its writes, then commits them in one DynamoDB transaction.
 * Resolves to what `body` resolves to.
 */
export async function transaction<R>(body: () => Promise<R>): Promise<R> {
  if (currentTransaction()) return body();
  const collector = new TransactionCollector();
  let result: R;
  try {
    result = await transactionStorage.run(collector, body);
    await sendTransaction(collector.operations);
  } catch (error) {
    addTakenValueError(error);
    collector.restore(error instanceof WriteOutcomeUnknown);
    throw error;
  }
  // Outside the scope: what the callbacks write goes to DynamoDB at once.
  await collector.runCommitCallbacks();
  return result;
}
