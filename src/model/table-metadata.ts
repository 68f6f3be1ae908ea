/** The class-level metadata a schema declares (read-only): table name, keys, capacities, fields. */
import type { StoredAs } from '../attributes/codecs/storage.js';
import type { AttributeTypeName, DefaultValue } from '../schema/attribute-types.js';
import { baseTableName, schemaOf, tableFullNameOf } from '../schema/model-class.js';
import type { GlobalIndex, LocalIndex } from '../schema/model-schema.js';
import { asModel } from './core.js';
import { Dirty } from './dirty.js';

/** `Model.fields[name]`. */
export interface FieldInfo {
  readonly type: AttributeTypeName;
  readonly default: DefaultValue<unknown> | undefined;
  readonly localSecondaryIndex: boolean;
  /** The attribute's own storage format, when declared with `storedAs`. */
  readonly storedAs?: StoredAs;
}

export abstract class TableMetadata extends Dirty {
  /** The table name without prefix and suffix. */
  static get tableName(): string {
    return baseTableName(asModel(this));
  }
  static get tableNamePrefix(): string | null {
    return schemaOf(asModel(this)).tableNamePrefix;
  }
  static get tableNameSuffix(): string | null {
    return schemaOf(asModel(this)).tableNameSuffix;
  }
  /** Prefix + name + suffix: the name DynamoDB knows. */
  static get tableFullName(): string {
    return tableFullNameOf(asModel(this));
  }
  static get tableHashKey(): string {
    return schemaOf(asModel(this)).hashKey;
  }
  static get tableRangeKey(): string | null {
    return schemaOf(asModel(this)).rangeKey;
  }
  static get tableReadCapacityUnits(): number {
    return schemaOf(asModel(this)).readCapacityUnits;
  }
  static get tableWriteCapacityUnits(): number {
    return schemaOf(asModel(this)).writeCapacityUnits;
  }
  static get tableBillingMode(): 'PROVISIONED' | 'PAY_PER_REQUEST' {
    return schemaOf(asModel(this)).billingMode;
  }
  static get tableConnectPolicy(): 'late' | boolean {
    return schemaOf(asModel(this)).connect;
  }
  static get tableCreatePolicy(): boolean {
    return schemaOf(asModel(this)).create;
  }
  static get lockAttribute(): string | false {
    return schemaOf(asModel(this)).lockAttribute;
  }
  static get timestampAttributes(): readonly [string, string] | false {
    return schemaOf(asModel(this)).timestampAttributes;
  }
  /** Every attribute, in declaration order: name → `{ type, default, localSecondaryIndex }`. */
  static get fields(): Readonly<Record<string, FieldInfo>> {
    const result: Record<string, FieldInfo> = {};
    for (const field of schemaOf(asModel(this)).fields.values()) {
      result[field.name] = {
        type: field.type,
        default: field.default,
        localSecondaryIndex: field.localSecondaryIndex,
        ...(field.storedAs === undefined ? {} : { storedAs: field.storedAs }),
      };
    }
    return result;
  }
  static get localSecondaryIndexes(): LocalIndex[] {
    return schemaOf(asModel(this)).localIndexes;
  }
  static get globalSecondaryIndexes(): GlobalIndex[] {
    return schemaOf(asModel(this)).globalIndexes;
  }
}
