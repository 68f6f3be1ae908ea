import { UnsupportedType } from '../errors.js';
import { codecs, type Codec } from '../attributes/codecs/index.js';
import {
  formatCodec,
  storedAsFits,
  type Storage,
  type StoredAs,
} from '../attributes/codecs/storage.js';
import { currentConfiguration } from '../configuration.js';
import { KEY_TYPES, type AttributeTypeName, type DefaultValue } from './attribute-types.js';
import type { GlobalIndexOptions, IndexProjection, SchemaOptions } from './options.js';

/** One attribute of a model, as `Model.fields[name]` shows it. */
export interface FieldDefinition {
  readonly name: string;
  readonly type: AttributeTypeName;
  readonly default: DefaultValue<unknown> | undefined;
  readonly localSecondaryIndex: boolean;
  /** The attribute's own storage format, if declared. */
  readonly storedAs?: StoredAs;
  /** @internal */
  readonly codec: Codec;
}

type DeclaredAttribute = {
  type: AttributeTypeName;
  default?: unknown;
  localSecondaryIndex?: boolean;
  storedAs?: StoredAs;
};

/** The gem's names for the lock and the timestamps. */
const GEM_LOCK = 'lock_version';
const GEM_TIMESTAMPS = ['created_at', 'updated_at'] as const;

/** A global secondary index as resolved from its declaration. */
export interface GlobalIndex {
  readonly name: string;
  readonly hashKey: string;
  readonly rangeKey: string | null;
  readonly projection: IndexProjection;
  readonly readCapacityUnits: number;
  readonly writeCapacityUnits: number;
}

/** A local secondary index: the table's hash key with another range key. */
export interface LocalIndex {
  readonly name: string;
  readonly rangeKey: string;
}

/** The parent reference `belongsTo` makes the hash key, with the codec it reads and writes by. */
export interface ParentKey {
  readonly name: string;
  readonly codec: Codec;
}

/**
 * A model's schema, resolved from the `Table.schema()` literal: frozen. `belongsTo` does not
 * change it but gives its model a new one, keyed by the parent ({@link keyedByParent}).
 * @internal
 */
export class ModelSchema {
  readonly hashKey: string;
  readonly rangeKey: string | null;
  /** `[hashKey]` or `[hashKey, rangeKey]`. */
  readonly keyNames: readonly string[];
  /** The hash key as declared: the record's own id, the range key under belongsTo. */
  readonly idAttribute: string;
  /** Which key gets a UUID on create when empty: the hash key, or the range key under belongsTo. */
  readonly generatedKey: string;
  readonly tableName: string | undefined;
  readonly tableNamePrefix: string | null;
  readonly tableNameSuffix: string | null;
  readonly readCapacityUnits: number;
  readonly writeCapacityUnits: number;
  readonly billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  readonly connect: 'late' | boolean;
  readonly create: boolean;
  readonly lockAttribute: string | false;
  readonly timestampAttributes: readonly [string, string] | false;
  readonly globalIndexOptions: readonly GlobalIndexOptions[];
  /** The declared storage format; null follows `configure({ storage })` at each use. */
  readonly storage: Storage | null;
  /** Whose names the lock, timestamps and belongsTo references default to: fixed at declaration. */
  readonly naming: Storage;
  /** The `attributes` literal as declared. */
  readonly declaredAttributes: Readonly<Record<string, DeclaredAttribute>>;
  /** In declaration order: hash key, range key, attributes, timestamps, lock. */
  readonly fields: ReadonlyMap<string, FieldDefinition>;
  /** What the library itself sets during a write (generated key, timestamps, lock): put back when it fails. */
  readonly managedAttributes: readonly string[];
  readonly #options: SchemaOptions;

  constructor(options: SchemaOptions, parentKey?: ParentKey) {
    this.#options = options;
    this.idAttribute = options.hashKey ?? 'id';
    this.hashKey = parentKey?.name ?? this.idAttribute;
    this.rangeKey = parentKey ? this.idAttribute : (options.rangeKey ?? null);
    this.generatedKey = this.idAttribute;
    this.keyNames = Object.freeze(this.rangeKey ? [this.hashKey, this.rangeKey] : [this.hashKey]);
    this.tableName = options.tableName;
    this.tableNamePrefix = options.tableNamePrefix ?? null;
    this.tableNameSuffix = options.tableNameSuffix ?? null;
    this.readCapacityUnits = options.readCapacityUnits ?? 10;
    this.writeCapacityUnits = options.writeCapacityUnits ?? 5;
    this.billingMode = options.billingMode ?? 'PROVISIONED';
    this.connect = options.connect ?? 'late';
    this.create = options.create ?? false;
    this.storage = options.storage ?? null;
    this.naming = options.storage ?? currentConfiguration().storage ?? 'native';
    const gem = this.naming === 'gem';
    this.lockAttribute =
      options.locking === undefined ? (gem ? GEM_LOCK : 'lockVersion') : options.locking;
    this.timestampAttributes =
      options.timestamps === undefined
        ? gem
          ? GEM_TIMESTAMPS
          : ['createdAt', 'updatedAt']
        : options.timestamps;
    this.globalIndexOptions = options.globalSecondaryIndexes ?? [];
    const declared = options.attributes ?? {};
    for (const [name, definition] of Object.entries(declared)) {
      if (!Object.hasOwn(codecs, definition.type)) {
        throw new UnsupportedType(
          `Attribute '${name}' has unsupported type '${String(definition.type)}'`,
        );
      }
      if (
        definition.storedAs !== undefined &&
        !storedAsFits(definition.type, definition.storedAs)
      ) {
        throw new UnsupportedType(
          `Attribute '${name}' (${definition.type}) cannot be stored as '${String(definition.storedAs)}'`,
        );
      }
    }
    this.declaredAttributes = declared;
    this.fields = this.#buildFields(declared, parentKey);
    this.managedAttributes = Object.freeze([
      this.generatedKey,
      ...(this.timestampAttributes || []),
      ...(this.lockAttribute ? [this.lockAttribute] : []),
    ]);
    Object.freeze(this);
  }

  /**
   * This schema keyed by a parent, as `belongsTo` declares it: the reference is the hash key
   * (read and written by `codec` unless declared as an attribute), the declared hash key the
   * range key.
   */
  keyedByParent(parentKey: ParentKey): ModelSchema {
    return new ModelSchema(this.#options, parentKey);
  }

  #buildFields(
    declared: Readonly<Record<string, DeclaredAttribute>>,
    parentKey: ParentKey | undefined,
  ): Map<string, FieldDefinition> {
    const fields = new Map<string, FieldDefinition>();
    const add = (
      name: string,
      type: AttributeTypeName,
      defaultValue?: DefaultValue<unknown>,
      lsi = false,
      storedAs?: StoredAs,
    ) => {
      if (!fields.has(name)) {
        fields.set(
          name,
          Object.freeze({
            name,
            type,
            default: defaultValue,
            localSecondaryIndex: lsi,
            ...(storedAs === undefined ? {} : { storedAs }),
            codec: formatCodec(type, codecs[type], storedAs, this.storage),
          }),
        );
      }
    };
    const addDeclared = (name: string, d: DeclaredAttribute) =>
      add(
        name,
        d.type,
        d.default as DefaultValue<unknown>,
        d.localSecondaryIndex === true,
        d.storedAs,
      );
    const addDeclaredOr = (name: string, type: AttributeTypeName, defaultValue?: unknown) => {
      const d = declared[name];
      if (d) addDeclared(name, d);
      else add(name, type, defaultValue as DefaultValue<unknown>);
    };
    addDeclaredOr(this.hashKey, 'string');
    if (this.rangeKey) addDeclaredOr(this.rangeKey, 'string');
    for (const [name, d] of Object.entries(declared)) addDeclared(name, d);
    if (this.timestampAttributes) {
      addDeclaredOr(this.timestampAttributes[0], 'datetime');
      addDeclaredOr(this.timestampAttributes[1], 'datetime');
    }
    if (this.lockAttribute) addDeclaredOr(this.lockAttribute, 'integer', 0);
    const reference = parentKey && !(parentKey.name in declared) && fields.get(parentKey.name);
    if (reference)
      fields.set(reference.name, Object.freeze({ ...reference, codec: parentKey.codec }));
    return fields;
  }

  field(name: string): FieldDefinition | undefined {
    return this.fields.get(name);
  }

  /** The DynamoDB key type (S or N) of a key or index attribute. */
  keyTypeOf(name: string): 'S' | 'N' {
    const field = this.fields.get(name);
    if (!field || !KEY_TYPES.has(field.type) || !field.codec.keyType) {
      throw new UnsupportedType(
        `'${name}' cannot be a key: keys must be string, integer, float or datetime attributes`,
      );
    }
    return field.codec.keyType;
  }

  get localIndexes(): LocalIndex[] {
    const result: LocalIndex[] = [];
    for (const field of this.fields.values()) {
      if (field.localSecondaryIndex) result.push({ name: field.name, rangeKey: field.name });
    }
    return result;
  }

  get globalIndexes(): GlobalIndex[] {
    return this.globalIndexOptions.map((options) => ({
      name: globalIndexName(options.hashKey, options.rangeKey),
      hashKey: options.hashKey,
      rangeKey: options.rangeKey ?? null,
      projection: options.projection ?? 'keysOnly',
      readCapacityUnits: options.readCapacityUnits ?? this.readCapacityUnits,
      writeCapacityUnits: options.writeCapacityUnits ?? this.writeCapacityUnits,
    }));
  }
}

/** The gem's naming: `<hash>_global` or `<hash>_<range>_global`. */
export function globalIndexName(hashKey: string, rangeKey?: string | null): string {
  return rangeKey ? `${hashKey}_${rangeKey}_global` : `${hashKey}_global`;
}
