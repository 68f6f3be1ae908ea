/**
 * The children of one parent, as key queries on the child table: the hash key is the
 * parent's reference, the range key the child's own id. Bulk operations used by the
 * collection proxy and by the `dependent` hooks live here, so both share one implementation.
 */
import { STATE, type RecordState } from '../attributes/record-state.js';
import { HasManyError } from '../errors.js';
import { tableKeyOf } from '../dynamo/keys.js';
import { queryPages, queryRecords, type Comparator, type KeyQuery } from '../querying/key-query.js';
import { schemaOf, type ModelClass } from '../schema/model-class.js';
import { instantiate } from '../attributes/hydration.js';
import type { RecordLike } from '../persistence/record-internals.js';
import { batchWrite, deleteRequest } from '../dynamo/batch-write.js';
import { deleteItems } from '../persistence/removal.js';
import { currentTransaction } from '../transactions/context.js';
import { parentChecks } from '../transactions/parent-checks.js';
import { writeGroups } from '../transactions/write-together.js';
import { uniqueAttributesOf } from '../uniqueness/declaration.js';
import { moveOperations } from './move.js';
import { NULL_REFERENCE, referenceTo } from './reference.js';
import { belongsToOf, type BelongsToAssociation, type HasManyAssociation } from './registry.js';

/** How a collection is narrowed: a range key condition, a limit, the order. @internal */
export interface Narrowing {
  readonly range?: { readonly comparator: Comparator; readonly value: unknown } | undefined;
  readonly limit?: number | undefined;
  readonly reverse: boolean;
}

/** One parent's children: the child model, its belongsTo, and the hash value (null for a new parent). @internal */
export interface ChildScope {
  readonly owner: { [STATE]: RecordState };
  readonly association: HasManyAssociation;
  readonly child: ModelClass;
  readonly belongsTo: BelongsToAssociation;
  readonly hash: string | null;
}

/** Resolves the child side of a hasMany; HasManyError when the child does not belong to the owner's model. @internal */
export function childScope(
  owner: { [STATE]: RecordState },
  association: HasManyAssociation,
): ChildScope {
  const child = association.target();
  const belongsTo = belongsToOf(child);
  if (!belongsTo || !(owner instanceof belongsTo.target())) {
    throw new HasManyError(
      `${association.model.name}.hasMany('${association.name}') needs ${child.name} to declare belongsTo(…, () => ${association.model.name})`,
    );
  }
  const hash = owner[STATE].newRecord ? null : referenceTo(owner, belongsTo);
  return { owner, association, child, belongsTo, hash };
}

/** The key query for a scope's children (strongly consistent, as the gem read them). @internal */
export function childQuery(scope: ChildScope, narrowing: Narrowing, hash: string): KeyQuery {
  const schema = schemaOf(scope.child);
  return {
    model: scope.child,
    hashName: schema.hashKey,
    hashValue: hash,
    range: narrowing.range
      ? {
          name: schema.rangeKey!,
          comparator: narrowing.range.comparator,
          value: narrowing.range.value,
        }
      : undefined,
    limit: narrowing.limit,
    scanIndexForward: !narrowing.reverse,
    consistent: true,
  };
}

/**
 * Deletes the children page by page, without callbacks; resolves to how many. Plain
 * BatchWriteItem when nothing else must go with them; in transactions when they hold unique
 * values (their guards go in the same transaction) or a destroy is under way (each
 * transaction also checks the destroyed record's lock).
 * @internal
 */
export async function deleteChildren(scope: ChildScope, narrowing: Narrowing): Promise<number> {
  if (scope.hash === null) return 0;
  const plain =
    uniqueAttributesOf(scope.child).length === 0 &&
    parentChecks().length === 0 &&
    !currentTransaction();
  let deleted = 0;
  for await (const page of queryPages(childQuery(scope, narrowing, scope.hash))) {
    if (plain) {
      await batchWrite(
        scope.child,
        page.items.map((item) => deleteRequest(tableKeyOf(scope.child, item))),
      );
    } else {
      await deleteItems(scope.child, page.items);
    }
    deleted += page.items.length;
  }
  return deleted;
}

/**
 * Destroys each child with its callbacks (and so its own dependents). Stops at the first
 * child whose callbacks halt and resolves to false; true when every child was destroyed.
 * @internal
 */
export async function destroyChildren(scope: ChildScope, narrowing: Narrowing): Promise<boolean> {
  if (scope.hash === null) return true;
  for await (const record of queryRecords<{ destroy(): Promise<boolean> }>(
    childQuery(scope, narrowing, scope.hash),
  )) {
    if (!(await record.destroy())) return false;
  }
  return true;
}

/**
 * Re-keys the children under the literal hash key "NULL", as the gem did (DynamoDB keys
 * cannot be null). Each child is a move (move.ts): its new item, the delete of the old one
 * and its re-owned guards are in one transaction, so an interruption never leaves a child
 * under both keys or under neither.
 * @internal
 */
export async function nullifyChildren(scope: ChildScope): Promise<void> {
  if (scope.hash === null) return;
  const hashKey = scope.belongsTo.foreignKey;
  for await (const page of queryPages(childQuery(scope, { reverse: false }, scope.hash))) {
    const moves = page.items.map(
      (item) =>
        moveOperations(
          instantiate(scope.child as unknown as new () => RecordLike, item),
          hashKey,
          NULL_REFERENCE,
        ).operations,
    );
    await writeGroups(moves);
  }
}
