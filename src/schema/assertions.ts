import {
  DangerousAttributeError,
  InvalidSchema,
  InvalidTableName,
  UnknownAttributeError,
  UnsupportedType,
} from '../errors.js';
import { KEY_TYPES } from './attribute-types.js';
import type { ModelSchema } from './model-schema.js';
import { isLegalTableName } from './table-name.js';

/** Checks a schema when the class is declared, so mistakes surface at load, not first use. @internal */
export function assertValidSchema(schema: ModelSchema, reserved: ReadonlySet<string>): void {
  for (const name of schema.fields.keys()) {
    if (reserved.has(name) && !(name === 'id' && schema.hashKey === 'id')) {
      throw new DangerousAttributeError(
        `Attribute '${name}' would shadow Table#${name}: choose another name`,
      );
    }
  }
  assertKeyAttribute(schema, schema.hashKey, 'hash key');
  if (schema.rangeKey) assertKeyAttribute(schema, schema.rangeKey, 'range key');
  // A local index needs a range key on the table; belongsTo may still add one after this
  // check, so that part is asserted when the table is created.
  for (const index of schema.localIndexes)
    assertKeyAttribute(schema, index.rangeKey, 'local index key');
  for (const index of schema.globalIndexes) {
    assertKeyAttribute(schema, index.hashKey, `hash key of global index ${index.name}`);
    if (index.rangeKey)
      assertKeyAttribute(schema, index.rangeKey, `range key of global index ${index.name}`);
  }
  if (schema.tableName !== undefined && !isLegalTableName(schema.tableName)) {
    throw new InvalidTableName(
      `Table name '${schema.tableName}' is not allowed: use 3 to 255 of a-z, A-Z, 0-9, '_', '-' and '.'`,
    );
  }
}

function assertKeyAttribute(schema: ModelSchema, name: string, role: string): void {
  const field = schema.fields.get(name);
  if (!field) {
    throw new UnknownAttributeError(
      `The ${role} '${name}' is not an attribute: declare it in attributes`,
    );
  }
  if (!KEY_TYPES.has(field.type)) {
    throw new UnsupportedType(
      `The ${role} '${name}' is a ${field.type}: keys must be string, integer, float or datetime`,
    );
  }
}

/** A local secondary index shares the table's hash key, so the table needs a range key. @internal */
export function assertLocalIndexesHaveRangeKey(schema: ModelSchema, modelName: string): void {
  const first = schema.localIndexes[0];
  if (first && !schema.rangeKey) {
    throw new InvalidSchema(
      `${modelName}: the local secondary index on '${first.name}' needs a table with a range key (declare rangeKey, or belongsTo)`,
    );
  }
}
