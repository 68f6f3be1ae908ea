/**
 * `tables plan|apply`: what it takes to bring existing tables in line with their models, as
 * DynamoDB allows it to change: a missing table is created, a missing global index added,
 * billing mode and throughput updated. An index the model no longer declares (or declares
 * differently) is dropped only with `allowDrop`; local indexes and key schemas never change
 * after creation, so a difference there is reported, not acted upon.
 */
import type {
  CreateTableCommandInput,
  GlobalSecondaryIndex,
  GlobalSecondaryIndexDescription,
  TableDescription,
  UpdateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { createTableInput, describeTable } from '../connection/table-management.js';
import type { ModelClass } from '../schema/model-class.js';

/** One step of a plan. Steps without `request` are notices; `blocked` ones are not applied. */
export interface PlannedChange {
  readonly table: string;
  readonly summary: string;
  readonly request?:
    | { readonly operation: 'CreateTable'; readonly input: CreateTableCommandInput }
    | { readonly operation: 'UpdateTable'; readonly input: UpdateTableCommandInput };
  /** Why the step is left out, e.g. it drops an index and `allowDrop` is off. */
  readonly blocked?: string;
}

/** Compares one model with its table (one DescribeTable) and lists the changes, in order. */
export async function planModel(model: ModelClass, allowDrop: boolean): Promise<PlannedChange[]> {
  const wanted = createTableInput(model);
  const table = wanted.TableName as string;
  const current = await describeTable(model);
  if (!current)
    return [
      {
        table,
        summary: `create table ${table}`,
        request: { operation: 'CreateTable', input: wanted },
      },
    ];
  return [
    ...billingChanges(table, wanted, current),
    ...globalIndexChanges(table, wanted, current, allowDrop),
    ...localIndexNotices(table, wanted, current),
  ];
}

function billingOf(table: TableDescription): string {
  return table.BillingModeSummary?.BillingMode ?? 'PROVISIONED';
}

function billingChanges(
  table: string,
  wanted: CreateTableCommandInput,
  current: TableDescription,
): PlannedChange[] {
  const want = wanted.BillingMode ?? 'PROVISIONED';
  const have = billingOf(current);
  const throughput = wanted.ProvisionedThroughput;
  if (want !== have) {
    const input: UpdateTableCommandInput = { TableName: table, BillingMode: want };
    let detail = '';
    if (want === 'PROVISIONED' && throughput) {
      input.ProvisionedThroughput = throughput;
      // Switching to provisioned needs every remaining global index's throughput in the same call.
      const kept = (wanted.GlobalSecondaryIndexes ?? []).filter((index) =>
        (current.GlobalSecondaryIndexes ?? []).some(
          (existing) => existing.IndexName === index.IndexName,
        ),
      );
      if (kept.length > 0) {
        input.GlobalSecondaryIndexUpdates = kept.map((index) => ({
          Update: {
            IndexName: index.IndexName,
            ProvisionedThroughput: index.ProvisionedThroughput,
          },
        }));
      }
      detail = ` (read ${throughput.ReadCapacityUnits}, write ${throughput.WriteCapacityUnits})`;
    }
    return [
      {
        table,
        summary: `billing mode ${have} → ${want}${detail}`,
        request: { operation: 'UpdateTable', input },
      },
    ];
  }
  if (want !== 'PROVISIONED' || !throughput) return [];
  const read = current.ProvisionedThroughput?.ReadCapacityUnits;
  const write = current.ProvisionedThroughput?.WriteCapacityUnits;
  if (read === throughput.ReadCapacityUnits && write === throughput.WriteCapacityUnits) return [];
  return [
    {
      table,
      summary: `throughput read ${read} → ${throughput.ReadCapacityUnits}, write ${write} → ${throughput.WriteCapacityUnits}`,
      request: {
        operation: 'UpdateTable',
        input: { TableName: table, ProvisionedThroughput: throughput },
      },
    },
  ];
}

function globalIndexChanges(
  table: string,
  wanted: CreateTableCommandInput,
  current: TableDescription,
  allowDrop: boolean,
): PlannedChange[] {
  const changes: PlannedChange[] = [];
  const existing = new Map(
    (current.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index]),
  );
  const declared = wanted.GlobalSecondaryIndexes ?? [];
  const provisionedBoth =
    (wanted.BillingMode ?? 'PROVISIONED') === 'PROVISIONED' && billingOf(current) === 'PROVISIONED';
  const dropBlocked = allowDrop ? {} : { blocked: 'dropping an index needs --allow-drop' };

  for (const index of declared) {
    const have = existing.get(index.IndexName);
    if (!have) {
      changes.push(createIndex(table, wanted, index));
    } else if (!sameShape(index, have)) {
      changes.push({
        ...dropIndex(table, index.IndexName as string, 'declared differently'),
        ...dropBlocked,
      });
      changes.push({ ...createIndex(table, wanted, index), ...dropBlocked });
    } else if (provisionedBoth && index.ProvisionedThroughput && !sameThroughput(index, have)) {
      const want = index.ProvisionedThroughput;
      changes.push({
        table,
        summary:
          `index ${index.IndexName} throughput read ${have.ProvisionedThroughput?.ReadCapacityUnits} → ${want.ReadCapacityUnits}, ` +
          `write ${have.ProvisionedThroughput?.WriteCapacityUnits} → ${want.WriteCapacityUnits}`,
        request: {
          operation: 'UpdateTable',
          input: {
            TableName: table,
            GlobalSecondaryIndexUpdates: [
              { Update: { IndexName: index.IndexName, ProvisionedThroughput: want } },
            ],
          },
        },
      });
    }
  }
  for (const name of existing.keys()) {
    if (name && !declared.some((index) => index.IndexName === name)) {
      changes.push({ ...dropIndex(table, name, 'not declared by the model'), ...dropBlocked });
    }
  }
  return changes;
}

function createIndex(
  table: string,
  wanted: CreateTableCommandInput,
  index: GlobalSecondaryIndex,
): PlannedChange {
  const keys = new Set((index.KeySchema ?? []).map((key) => key.AttributeName));
  return {
    table,
    summary: `add global index ${index.IndexName}`,
    request: {
      operation: 'UpdateTable',
      input: {
        TableName: table,
        AttributeDefinitions: (wanted.AttributeDefinitions ?? []).filter((definition) =>
          keys.has(definition.AttributeName),
        ),
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      },
    },
  };
}

function dropIndex(table: string, name: string, why: string): PlannedChange {
  return {
    table,
    summary: `drop global index ${name} (${why})`,
    request: {
      operation: 'UpdateTable',
      input: { TableName: table, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: name } }] },
    },
  };
}

function sameShape(wanted: GlobalSecondaryIndex, have: GlobalSecondaryIndexDescription): boolean {
  const keys = (list: GlobalSecondaryIndex['KeySchema']) =>
    JSON.stringify((list ?? []).map((k) => [k.AttributeName, k.KeyType]));
  const projection = (p: GlobalSecondaryIndex['Projection']) =>
    JSON.stringify([p?.ProjectionType ?? 'KEYS_ONLY', [...(p?.NonKeyAttributes ?? [])].sort()]);
  return (
    keys(wanted.KeySchema) === keys(have.KeySchema) &&
    projection(wanted.Projection) === projection(have.Projection)
  );
}

function sameThroughput(
  wanted: GlobalSecondaryIndex,
  have: GlobalSecondaryIndexDescription,
): boolean {
  return (
    wanted.ProvisionedThroughput?.ReadCapacityUnits ===
      have.ProvisionedThroughput?.ReadCapacityUnits &&
    wanted.ProvisionedThroughput?.WriteCapacityUnits ===
      have.ProvisionedThroughput?.WriteCapacityUnits
  );
}

function localIndexNotices(
  table: string,
  wanted: CreateTableCommandInput,
  current: TableDescription,
): PlannedChange[] {
  const names = (list: { IndexName?: string | undefined }[] | undefined) =>
    (list ?? [])
      .map((index) => index.IndexName)
      .sort()
      .join(', ');
  const want = names(wanted.LocalSecondaryIndexes);
  const have = names(current.LocalSecondaryIndexes);
  if (want === have) return [];
  return [
    {
      table,
      summary: `local indexes differ (table: ${have || 'none'}; model: ${want || 'none'})`,
      blocked: 'local indexes are fixed when a table is created: recreate the table to change them',
    },
  ];
}
