import { ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

type Item = Record<string, AttributeValue>;

interface GuardedModel {
  readonly tableFullName: string;
  readonly tableHashKey: string;
  readonly tableRangeKey: string | null;
}

async function scanAll(client: DynamoDBClient, table: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The guard table read raw: guard key → owner. */
export async function guardsOf(
  client: DynamoDBClient,
  model: GuardedModel,
): Promise<Record<string, string>> {
  const guards: Record<string, string> = {};
  for (const item of await scanAll(client, `${model.tableFullName}_unique_values`))
    guards[item.guard!.S!] = item.owner!.S!;
  return guards;
}

/** The owner string a guard names for an item: its key as JSON, hash key first. */
export function ownerKey(model: GuardedModel, item: Item): string {
  const names = model.tableRangeKey
    ? [model.tableHashKey, model.tableRangeKey]
    : [model.tableHashKey];
  return JSON.stringify(Object.fromEntries(names.map((name) => [name, item[name]])));
}

/**
 * Compares the model's items with its guard table, both read raw: every non-blank unique
 * value held by exactly one guard naming its holder, and no guard without a holder. Resolves
 * to the differences (empty when consistent).
 */
export async function guardProblems(
  client: DynamoDBClient,
  model: GuardedModel,
  uniques: readonly string[],
): Promise<string[]> {
  const guards = await guardsOf(client, model);
  const expected = new Map<string, string>();
  const problems: string[] = [];
  for (const item of await scanAll(client, model.tableFullName)) {
    for (const name of uniques) {
      const value = item[name];
      const text = value?.S ?? value?.N;
      if (text === undefined || text === '') continue;
      const guard = `${name}#${text}`;
      if (expected.has(guard)) problems.push(`duplicate ${guard}`);
      expected.set(guard, ownerKey(model, item));
    }
  }
  for (const [guard, owner] of expected) {
    if (guards[guard] === undefined) problems.push(`unguarded ${guard}`);
    else if (guards[guard] !== owner)
      problems.push(`${guard} owned by ${guards[guard]}, held by ${owner}`);
  }
  for (const guard of Object.keys(guards))
    if (!expected.has(guard)) problems.push(`orphaned ${guard}`);
  return problems;
}
