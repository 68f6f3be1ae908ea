/**
 * `Model.withOptimisticRetry(key, apply)`: the read–change–save loop every user of
 * optimistic locking otherwise writes by hand. Reads the record (strongly consistent),
 * applies the change, saves; when another writer got there first (`StaleObjectError`), reads
 * it again and re-applies the change after a jittered, exponentially growing pause, up to
 * `attempts` times in all, then lets the error through.
 *
 * ```ts
 * const counter = await Counter.withOptimisticRetry(id, (c) => { c.hits += 1; }, { attempts: 10 });
 * ```
 *
 * `apply` may run more than once: it must only change the record, not act on the world.
 * Not available inside `transaction()`, where a stale record is found only at the commit.
 */
import { backoff } from '../dynamo/backoff.js';
import { DynamoError, StaleObjectError } from '../errors.js';
import { findOne } from '../querying/find.js';
import { schemaOf, type ModelClass } from '../schema/model-class.js';
import { currentTransaction } from '../transactions/context.js';

export interface OptimisticRetryOptions {
  /** How many times to try in all (first attempt included). Default 5. */
  attempts?: number;
  /** The first pause's upper bound in milliseconds; each retry doubles it (capped at 2 s). Default 20. */
  baseDelayMs?: number;
}

interface Saveable {
  saveOrThrow(): Promise<true>;
}

/**
 * Runs the loop for `model`; `key` is the hash key value, or `[hash, range]` for a table
 * with a range key. Resolves to the saved record.
 * @internal
 */
export async function withOptimisticRetry<T extends Saveable>(
  model: ModelClass,
  key: unknown,
  apply: (record: T) => unknown,
  options: OptimisticRetryOptions = {},
): Promise<T> {
  if (currentTransaction()) {
    throw new DynamoError(
      `${model.name}.withOptimisticRetry cannot run inside transaction(): a stale record is only found at the commit`,
    );
  }
  const attempts = options.attempts ?? 5;
  const baseDelay = options.baseDelayMs ?? 20;
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new DynamoError(
      `${model.name}.withOptimisticRetry: attempts must be a positive integer (got ${String(attempts)})`,
    );
  }
  const [hash, range] = schemaOf(model).rangeKey && Array.isArray(key) ? key : [key, undefined];
  for (let attempt = 1; ; attempt++) {
    const record = await findOne<T>(model, hash, range, { consistent: true });
    await apply(record);
    try {
      await record.saveOrThrow();
      return record;
    } catch (error) {
      if (!(error instanceof StaleObjectError) || attempt >= attempts) throw error;
    }
    await backoff(attempt - 1, baseDelay);
  }
}
