import {
  CreateTableCommand,
  DeleteTableCommand,
  type AttributeDefinition,
  type CreateTableCommandInput,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type LocalSecondaryIndex,
  type Projection,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { describeTableNamed, waitUntilActive } from '../dynamo/table-status.js';
import { TableNotFound } from '../errors.js';
import { assertLocalIndexesHaveRangeKey } from '../schema/assertions.js';
import {
  markEstablished,
  schemaOf,
  tableFullNameOf,
  type ModelClass,
} from '../schema/model-class.js';
import type { IndexProjection } from '../schema/options.js';
import { awsErrorName, send } from './request.js';
import { companionTablesOf } from './companion-tables.js';
import { assertTableShape } from './table-shape.js';

function projectionOf(projection: IndexProjection): Projection {
  if (projection === 'all') return { ProjectionType: 'ALL' };
  if (projection === 'keysOnly') return { ProjectionType: 'KEYS_ONLY' };
  return { ProjectionType: 'INCLUDE', NonKeyAttributes: [...projection] };
}

function keySchema(hashKey: string, rangeKey: string | null): KeySchemaElement[] {
  const elements: KeySchemaElement[] = [{ AttributeName: hashKey, KeyType: 'HASH' }];
  if (rangeKey) elements.push({ AttributeName: rangeKey, KeyType: 'RANGE' });
  return elements;
}

/** The CreateTable request for a model: keys, local and global indexes, capacity. */
export function createTableInput(model: ModelClass): CreateTableCommandInput {
  const schema = schemaOf(model);
  assertLocalIndexesHaveRangeKey(schema, model.name);
  const provisioned = schema.billingMode === 'PROVISIONED';
  const keyAttributes = new Set<string>([schema.hashKey]);
  if (schema.rangeKey) keyAttributes.add(schema.rangeKey);
  const locals: LocalSecondaryIndex[] = schema.localIndexes.map((index) => {
    keyAttributes.add(index.rangeKey);
    return {
      IndexName: index.name,
      KeySchema: keySchema(schema.hashKey, index.rangeKey),
      Projection: { ProjectionType: 'ALL' },
    };
  });
  const globals: GlobalSecondaryIndex[] = schema.globalIndexes.map((index) => {
    keyAttributes.add(index.hashKey);
    if (index.rangeKey) keyAttributes.add(index.rangeKey);
    return {
      IndexName: index.name,
      KeySchema: keySchema(index.hashKey, index.rangeKey),
      Projection: projectionOf(index.projection),
      ...(provisioned
        ? {
            ProvisionedThroughput: {
              ReadCapacityUnits: index.readCapacityUnits,
              WriteCapacityUnits: index.writeCapacityUnits,
            },
          }
        : {}),
    };
  });
  const definitions: AttributeDefinition[] = [...keyAttributes].map((name) => ({
    AttributeName: name,
    AttributeType: schema.keyTypeOf(name),
  }));
  return {
    TableName: tableFullNameOf(model),
    AttributeDefinitions: definitions,
    KeySchema: keySchema(schema.hashKey, schema.rangeKey),
    BillingMode: schema.billingMode,
    ...(provisioned
      ? {
          ProvisionedThroughput: {
            ReadCapacityUnits: schema.readCapacityUnits,
            WriteCapacityUnits: schema.writeCapacityUnits,
          },
        }
      : {}),
    ...(locals.length > 0 ? { LocalSecondaryIndexes: locals } : {}),
    ...(globals.length > 0 ? { GlobalSecondaryIndexes: globals } : {}),
  };
}

/** DescribeTable, or null when the table does not exist. */
export function describeTable(model: ModelClass): Promise<TableDescription | null> {
  return describeTableNamed(tableFullNameOf(model), model.name);
}

/** Waits until the table (and its global indexes) are ACTIVE; resolves to its description. */
function waitForTable(model: ModelClass): Promise<TableDescription> {
  return waitUntilActive(tableFullNameOf(model), { model: model.name });
}

/**
 * Creates the model's table unless it exists, and waits until it is ACTIVE; with it, its
 * companion tables (guards of unique values, hasAndBelongsToMany links).
 */
export function createTable(model: ModelClass): Promise<TableDescription> {
  return withCompanions(model, createOwnTable);
}

/** `act` on the model's table and on each companion table at once; resolves to the model's result. */
async function withCompanions<R>(
  model: ModelClass,
  act: (table: ModelClass) => Promise<R>,
): Promise<R> {
  const [own] = await Promise.all([act(model), ...companionTablesOf(model).map(act)]);
  return own;
}

async function createOwnTable(model: ModelClass): Promise<TableDescription> {
  const table = tableFullNameOf(model);
  try {
    await send(new CreateTableCommand(createTableInput(model)), { model: model.name, table });
  } catch (error) {
    // Someone else created it first: wait for theirs.
    if (awsErrorName(error) !== 'ResourceInUseException') throw error;
  }
  const description = await waitForTable(model);
  assertTableShape(model.name, createTableInput(model), description);
  markEstablished(model);
  return description;
}

/** Deletes the model's table and its companion tables; resolves to false when the model's did not exist. */
export function deleteTable(model: ModelClass): Promise<boolean> {
  return withCompanions(model, deleteOwnTable);
}

async function deleteOwnTable(model: ModelClass): Promise<boolean> {
  const table = tableFullNameOf(model);
  try {
    await send(new DeleteTableCommand({ TableName: table }), { model: model.name, table });
    return true;
  } catch (error) {
    if (awsErrorName(error) === 'ResourceNotFoundException') return false;
    throw error;
  }
}

/** Whether the model's table exists. */
export async function tableExists(model: ModelClass): Promise<boolean> {
  return (await describeTable(model)) !== null;
}

/**
 * Connects the model to its table, as the gem did at class load: the table must exist, or
 * it is created when the model's create policy says so; otherwise TableNotFound.
 */
export async function establishDbConnection(model: ModelClass): Promise<void> {
  const table = await describeTable(model);
  if (table) {
    assertTableShape(model.name, createTableInput(model), table);
    if (table.TableStatus !== 'ACTIVE') await waitForTable(model);
    markEstablished(model);
    return;
  }
  if (!schemaOf(model).create) {
    throw new TableNotFound(
      `Table '${tableFullNameOf(model)}' of ${model.name} does not exist (create it with ${model.name}.createTable(), or declare create: true)`,
    );
  }
  await createTable(model);
}
