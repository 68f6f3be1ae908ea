/**
 * Compares the keys and indexes a model declares with those of the table DynamoDB has, so a
 * table made for another model is reported as such ({@link TableSchemaMismatch}) rather than
 * as DynamoDB's "The provided key element does not match the schema" on some later write.
 */
import type {
  AttributeDefinition,
  CreateTableCommandInput,
  KeySchemaElement,
  TableDescription,
} from '@aws-sdk/client-dynamodb';
import { TableSchemaMismatch, type TableShape } from '../errors.js';

interface Indexed {
  IndexName?: string | undefined;
  KeySchema?: KeySchemaElement[] | undefined;
}

function keyName(schema: KeySchemaElement[] | undefined, type: 'HASH' | 'RANGE'): string | null {
  return schema?.find((element) => element.KeyType === type)?.AttributeName ?? null;
}

function typed(name: string | null, definitions: AttributeDefinition[] | undefined): string {
  if (name === null) return '';
  const type = definitions?.find((d) => d.AttributeName === name)?.AttributeType;
  return type ? `${name}:${type}` : name;
}

function shapeOf(
  keys: KeySchemaElement[] | undefined,
  definitions: AttributeDefinition[] | undefined,
  indexes: Indexed[],
): TableShape {
  const rangeKey = keyName(keys, 'RANGE');
  return {
    hashKey: typed(keyName(keys, 'HASH'), definitions),
    rangeKey: rangeKey === null ? null : typed(rangeKey, definitions),
    indexes: indexes.map((index) => {
      const hash = typed(keyName(index.KeySchema, 'HASH'), definitions);
      const range = keyName(index.KeySchema, 'RANGE');
      return `${index.IndexName ?? '?'} (${range === null ? hash : `${hash}, ${typed(range, definitions)}`})`;
    }),
  };
}

/** The shape a model declares, from its CreateTable request. @internal */
export function declaredShape(input: CreateTableCommandInput): TableShape {
  return shapeOf(input.KeySchema, input.AttributeDefinitions, [
    ...(input.LocalSecondaryIndexes ?? []),
    ...(input.GlobalSecondaryIndexes ?? []),
  ]);
}

/** The shape of an existing table. @internal */
export function actualShape(table: TableDescription): TableShape {
  return shapeOf(table.KeySchema, table.AttributeDefinitions, [
    ...(table.LocalSecondaryIndexes ?? []),
    ...(table.GlobalSecondaryIndexes ?? []),
  ]);
}

function describe(shape: TableShape): string {
  const keys = shape.rangeKey ? `${shape.hashKey}, ${shape.rangeKey}` : shape.hashKey;
  const indexes = shape.indexes.length > 0 ? `, indexes ${shape.indexes.join(', ')}` : '';
  return `keys (${keys})${indexes}`;
}

/**
 * Throws TableSchemaMismatch when the table's keys differ from the model's or it lacks an
 * index the model declares (extra indexes on the table are fine).
 * @internal
 */
export function assertTableShape(
  modelName: string,
  input: CreateTableCommandInput,
  table: TableDescription,
  cause?: unknown,
): void {
  const expected = declaredShape(input);
  const actual = actualShape(table);
  const sameKeys = expected.hashKey === actual.hashKey && expected.rangeKey === actual.rangeKey;
  const missing = expected.indexes.filter((index) => !actual.indexes.includes(index));
  if (sameKeys && missing.length === 0) return;
  const name = input.TableName ?? '?';
  const what = sameKeys ? `lacks the index(es) ${missing.join(', ')} that` : 'has other keys than';
  throw new TableSchemaMismatch(
    `Table '${name}' ${what} ${modelName} declares: the table has ${describe(actual)}; ${modelName} declares ${describe(expected)}. Use another table name (tableNamePrefix) or migrate the table`,
    { table: name, expected, actual },
    cause === undefined ? {} : { cause },
  );
}
