/**
 * A record's write with the guard items of its unique values (guards.ts): alone when the
 * model has no unique attribute or the write claims and releases none, otherwise in one
 * transaction with them. When the record's own condition shows that the item holds other
 * unique values than the instance read, or a guard it would release is owned by another
 * record, the write is planned again from what DynamoDB returned.
 */
import type { UpdateItemCommandOutput } from '@aws-sdk/client-dynamodb';
import { performWrite } from '../persistence/perform-write.js';
import { modelOf, type RecordLike } from '../persistence/record-internals.js';
import type { WriteOperation } from '../persistence/write-operation.js';
import { writeTogether } from '../transactions/write-together.js';
import { uniqueAttributesOf } from './declaration.js';
import { planGuards, replanOf } from './guards.js';

// A record whose unique values keep changing under a stale instance: planned again this often.
const MAX_REPLANS = 4;

/**
 * Sends (or queues, inside `transaction()`) a record's create, update, destroy or delete with
 * its guards. Resolves to the UpdateItem output when sent alone, or null otherwise.
 * @internal
 */
export function writeWithGuards(
  operation: WriteOperation,
): Promise<UpdateItemCommandOutput | null> {
  // Not an async function: the common case costs no extra frame.
  if (uniqueAttributesOf(modelOf(operation.record as RecordLike)).length === 0)
    return performWrite(operation);
  return writeGuarded(operation);
}

async function writeGuarded(operation: WriteOperation): Promise<UpdateItemCommandOutput | null> {
  let held: Parameters<typeof planGuards>[1];
  const foreign = new Set<string>();
  for (let round = 1; ; round++) {
    const { own, guards } = planGuards(operation, held, foreign);
    try {
      if (guards.length === 0) return await performWrite(own);
      await writeTogether([own, ...guards]);
      return null;
    } catch (error) {
      const replan = replanOf(error);
      if (replan === undefined || round >= MAX_REPLANS) throw error;
      // A delete finds its item already gone: what it was for is done.
      if (replan.kind === 'gone') return null;
      if (replan.kind === 'held') held = replan.item;
      else foreign.add(replan.guard);
    }
  }
}
