/**
 * The lock of a record being destroyed, carried by every write its callbacks, dependents and
 * links make. Dependents and links are removed before the record itself; each of those writes is
 * sent as a transaction that also holds a ConditionCheck of the record's lock, so a stale
 * destroy fails on its first write and touches nothing, and a record changed by someone else
 * midway stops the cascade at the next write.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { WriteOperation } from '../persistence/write-operation.js';

interface HeldCheck {
  readonly operation: WriteOperation;
  /** False once the record's own write is under way: its after-callbacks run without it. */
  active: boolean;
}

const storage = new AsyncLocalStorage<readonly HeldCheck[]>();

/**
 * The ConditionChecks every write made now must carry (outermost record first), leaving out
 * those of items that `operations` write themselves (DynamoDB takes one action per item; a
 * callback saving the record being destroyed is conditioned on its lock anyway).
 * @internal
 */
export function parentChecks(operations: readonly WriteOperation[] = []): WriteOperation[] {
  const held = storage.getStore();
  if (held === undefined) return [];
  const written = new Set(operations.map(identity));
  const result: WriteOperation[] = [];
  for (const check of held)
    if (check.active && !written.has(identity(check.operation))) result.push(check.operation);
  return result;
}

function identity(operation: WriteOperation): string {
  const input = operation.input as { TableName?: string; Key?: object; Item?: object };
  return `${input.TableName ?? ''} ${JSON.stringify(input.Key ?? null)}`;
}

/**
 * Runs `body` with `check` added to the checks of every write made inside it, until `body`
 * calls `release` (right before the record's own write).
 * @internal
 */
export async function whileChecked<T>(
  check: WriteOperation,
  body: (release: () => void) => Promise<T>,
): Promise<T> {
  const entry: HeldCheck = { operation: check, active: true };
  return storage.run([...(storage.getStore() ?? []), entry], () =>
    body(() => {
      entry.active = false;
    }),
  );
}
