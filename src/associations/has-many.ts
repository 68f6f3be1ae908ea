/**
 * `hasMany`: a parent's children, found by a key query on the child table, whose hash key is
 * the parent's id (see belongs-to.ts). `dependent` says what happens to them before the
 * parent is destroyed: `'delete'` (default: BatchWriteItem, no callbacks), `'destroy'` (each
 * destroyed with its callbacks, so the cascade recurses) or `'nullify'` (re-keyed under the
 * literal hash key `"NULL"`, as the gem did).
 *
 * ```ts
 * class Forum extends Table.schema({ attributes: { name: attr.string() } }) {
 *   static { this.hasMany('topics', () => Topic, { dependent: 'destroy' }); }
 *   declare readonly topics: HasMany<Topic>;
 * }
 * await forum.destroy(); // destroys its topics (and theirs) first
 * ```
 */
import { HasManyError } from '../errors.js';
import { callbacksOf, schemaOf, type ModelClass } from '../schema/model-class.js';
import type { Table } from '../table.js';
import { childScope, deleteChildren, destroyChildren, nullifyChildren } from './children.js';
import { CollectionProxy } from './collection-proxy.js';
import {
  assertAssociationName,
  associationsOf,
  register,
  type Dependent,
  type HasManyAssociation,
} from './registry.js';

/** Options of `hasMany`. */
export interface HasManyOptions {
  /** What destroying the parent does to the children; default `'delete'`. */
  dependent?: Dependent;
}

const DEPENDENTS: ReadonlySet<string> = new Set(['delete', 'destroy', 'nullify']);

// One proxy per parent instance and association: `forum.topics === forum.topics`.
const proxies = new WeakMap<object, Map<string, CollectionProxy<Table>>>();

/** Declares the association: the accessor and the dependent hook. @internal */
export function declareHasMany(
  model: ModelClass,
  name: string,
  target: () => ModelClass,
  options: HasManyOptions = {},
): HasManyAssociation {
  const dependent = options.dependent ?? 'delete';
  if (!DEPENDENTS.has(dependent)) {
    throw new HasManyError(
      `${model.name}.hasMany('${name}'): dependent must be 'delete', 'destroy' or 'nullify', not ${JSON.stringify(dependent)}`,
    );
  }
  if (typeof target !== 'function') {
    throw new HasManyError(
      `${model.name}.hasMany('${name}') takes the child model as a function: () => Child`,
    );
  }
  if (schemaOf(model).fields.has(name) || associationsOf(model).some((a) => a.name === name)) {
    throw new HasManyError(`${model.name} already has an attribute or association named '${name}'`);
  }
  assertAssociationName(model, name, 'hasMany');
  const association: HasManyAssociation = { kind: 'hasMany', model, name, target, dependent };
  register(association);
  Object.defineProperty(model.prototype, name, {
    configurable: true,
    get(this: Table) {
      return collectionOf(this, association);
    },
  });
  callbacksOf(model, true).add('destroy', 'prepare', (record: unknown) =>
    destroyDependents(record as Table, association),
  );
  return association;
}

/** The collection proxy of one parent instance (made once, then the same object). @internal */
export function collectionOf(
  owner: Table,
  association: HasManyAssociation,
): CollectionProxy<Table> {
  let own = proxies.get(owner);
  if (!own) {
    own = new Map();
    proxies.set(owner, own);
  }
  let proxy = own.get(association.name);
  if (!proxy) {
    proxy = new CollectionProxy(owner, association);
    own.set(association.name, proxy);
  }
  return proxy;
}

/** Forgets every cached collection of a parent, as ActiveRecord's `reload` does. @internal */
export function resetCollections(owner: object): void {
  for (const proxy of proxies.get(owner)?.values() ?? []) proxy.reset();
}

// The destroy's dependents step: false (halting the parent's destroy) when a child's destroy halted.
async function destroyDependents(owner: Table, association: HasManyAssociation): Promise<boolean> {
  const scope = childScope(owner, association);
  let done = true;
  if (association.dependent === 'delete') await deleteChildren(scope, { reverse: false });
  else if (association.dependent === 'destroy')
    done = await destroyChildren(scope, { reverse: false });
  else await nullifyChildren(scope);
  proxies.get(owner)?.get(association.name)?.reset();
  return done;
}
