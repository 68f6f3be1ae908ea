/**
 * The root of every model: the record's state, its errors, construction and identity (Rails
 * `core.rb`). Each concern adds its instance and static members in its own file, one class
 * extending the previous, and `Table` (src/table.ts) closes the chain: Core, AttributeMethods,
 * Dirty, TableMetadata, TableManagement, Callbacks, Validations, Persistence, Finders,
 * KeyQueries, Querying, Associations.
 */
import { initialState, loadedState, readValue } from '../attributes/attribute-access.js';
import { takePendingItem } from '../attributes/hydration.js';
import { STATE, type RecordState } from '../attributes/record-state.js';
import { keyValues } from '../persistence/record-internals.js';
import { callbacksOf, modelOf, schemaOf, type ModelClass } from '../schema/model-class.js';
import { Errors } from '../validations/index.js';

/** A static method's `this`, as the internals see it. @internal */
export function asModel(model: unknown): ModelClass {
  return model as ModelClass;
}

export abstract class Core {
  // A private field behind a non-enumerable getter: invisible to spreads and inspection,
  // and set by a plain store (a defined property costs a runtime call per instance).
  readonly #state: RecordState;
  /** @internal */
  get [STATE](): RecordState {
    return this.#state;
  }
  /** Validation errors from the last `isValid()` or `save()`. */
  readonly errors: Errors = new Errors();

  constructor(attributes?: object) {
    const model = modelOf(this);
    const schema = schemaOf(model);
    const item = takePendingItem();
    this.#state = item ? loadedState(item) : initialState(schema, model.name);
    if (attributes) this.assignAttributes(attributes);
    callbacksOf(model).runAfterSync('initialize', this);
  }

  /** Assigns several attributes; an unknown name throws UnknownAttributeError. */
  abstract assignAttributes(attributes: object): void;

  isNewRecord(): boolean {
    return this[STATE].newRecord;
  }
  isPersisted(): boolean {
    const state = this[STATE];
    return !state.newRecord && !state.destroyed;
  }
  isDestroyed(): boolean {
    return this[STATE].destroyed;
  }

  /** `[hash]` or `[hash, range]`, or null unless persisted. */
  toKey(): unknown[] | null {
    if (!this.isPersisted()) return null;
    const schema = schemaOf(modelOf(this));
    const state = this[STATE];
    const values = [readValue(state, schema.fields.get(schema.hashKey)!)];
    if (schema.rangeKey) values.push(readValue(state, schema.fields.get(schema.rangeKey)!));
    return values;
  }
  /** Same class and same key (a new record equals only itself). */
  equals(other: unknown): boolean {
    if (other === this) return true;
    if (!(other instanceof Core) || other.constructor !== this.constructor) return false;
    if (this[STATE].newRecord || other[STATE].newRecord) return false;
    const schema = schemaOf(modelOf(this));
    return (
      JSON.stringify(keyValues(schema, this[STATE])) ===
      JSON.stringify(keyValues(schema, other[STATE]))
    );
  }
}
