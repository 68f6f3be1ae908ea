import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { localClient } from '../support/dynamo.js';

// Models are taken in the order of their export names (a module namespace is sorted).
// Each CLI run is its own process: the table prefix keeps this file's tables apart.
const prefix = `cli${randomUUID().slice(0, 6)}_`;
const V1 = 'test/support/cli-models/widgets-v1.ts';
const V2 = 'test/support/cli-models/widgets-v2.ts';
const COMPANIONS = 'test/support/cli-models/companions.ts';
const client = localClient();

async function describeTable(name: string) {
  return (await client.send(new DescribeTableCommand({ TableName: `${prefix}${name}` }))).Table;
}

describe('ocean-dynamo tables', () => {
  it('prints the CreateTable requests with --dry-run and sends nothing', async () => {
    const result = await runCli([
      'tables',
      'create',
      '--dry-run',
      '--models',
      V1,
      '--table-prefix',
      prefix,
    ]);
    expect(result.code).toBe(0);
    const requests = JSON.parse(result.stdout) as {
      CreateTable: { TableName: string; GlobalSecondaryIndexes?: { IndexName: string }[] };
    }[];
    expect(requests.map((r) => r.CreateTable.TableName)).toEqual([
      `${prefix}gadgets`,
      `${prefix}widgets`,
    ]);
    expect(requests[1]?.CreateTable.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual([
      'color_global',
    ]);
    await expect(describeTable('widgets')).rejects.toThrow(/not found|non-existent/i);
  });

  it('creates the tables, lists and describes them, and plans nothing when they match', async () => {
    const created = await runCli(['tables', 'create', '--models', V1, '--table-prefix', prefix]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`${prefix}widgets: creating (Widget)`);
    expect(created.stdout).toMatch(new RegExp(`${prefix}gadgets: ACTIVE \\(`));
    expect((await describeTable('widgets'))?.GlobalSecondaryIndexes?.[0]?.IndexName).toBe(
      'color_global',
    );
    expect((await describeTable('gadgets'))?.BillingModeSummary?.BillingMode).toBe(
      'PAY_PER_REQUEST',
    );

    const again = await runCli(['tables', 'create', '--models', V1, '--table-prefix', prefix]);
    expect(again.stdout).toContain(`${prefix}widgets: exists (Widget)`);

    const list = await runCli([
      'tables',
      'list',
      '--json',
      '--models',
      V1,
      '--table-prefix',
      prefix,
    ]);
    expect(JSON.parse(list.stdout)).toEqual([
      { table: `${prefix}gadgets`, status: 'ACTIVE', items: 0, model: 'Gadget' },
      { table: `${prefix}widgets`, status: 'ACTIVE', items: 0, model: 'Widget' },
    ]);

    const all = await runCli(['tables', 'list', '--table-prefix', prefix]);
    expect(all.stdout.split('\n')[0]).toMatch(/^TABLE\s+STATUS\s+ITEMS/);
    expect(all.stdout).toMatch(new RegExp(`${prefix}gadgets\\s+ACTIVE\\s+0`));

    const described = await runCli([
      'tables',
      'describe',
      '--models',
      V1,
      '--table-prefix',
      prefix,
    ]);
    expect(described.stdout).toContain('local index batch: serial HASH, batch RANGE');
    expect(described.stdout).toContain(
      'global index color_global: color HASH; KEYS_ONLY; ACTIVE, read 2, write 2',
    );

    const plan = await runCli(['tables', 'plan', '--models', V1, '--table-prefix', prefix]);
    expect(plan.stdout).toContain(`${prefix}widgets (Widget): up to date`);
    expect(plan.stdout).toContain('Nothing to apply.');
  });

  it('plans and applies a changed schema, dropping an index only with --allow-drop', async () => {
    const plan = await runCli(['tables', 'plan', '--models', V2, '--table-prefix', prefix]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(
      'will: billing mode PAY_PER_REQUEST → PROVISIONED (read 4, write 4)',
    );
    expect(plan.stdout).toContain('will: throughput read 2 → 3, write 2 → 2');
    expect(plan.stdout).toContain('will: add global index size_global');
    expect(plan.stdout).toMatch(
      new RegExp(
        `change\\(s\\); to make them, run: npx ocean-dynamo tables apply --models ${V2} --table-prefix ${prefix}\\n$`,
      ),
    );
    expect(plan.stdout).toContain(
      'skip: drop global index color_global (not declared by the model) (dropping an index needs --allow-drop)',
    );
    // plan changes nothing
    expect((await describeTable('widgets'))?.ProvisionedThroughput?.ReadCapacityUnits).toBe(2);

    const apply = await runCli(['tables', 'apply', '--models', V2, '--table-prefix', prefix]);
    expect(apply.code).toBe(0);
    const widgets = await describeTable('widgets');
    expect(widgets?.ProvisionedThroughput?.ReadCapacityUnits).toBe(3);
    expect(widgets?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual([
      'color_global',
      'size_global',
    ]);
    const gadgets = await describeTable('gadgets');
    expect(gadgets?.BillingModeSummary?.BillingMode ?? 'PROVISIONED').toBe('PROVISIONED');
    expect(gadgets?.ProvisionedThroughput?.ReadCapacityUnits).toBe(4);

    const drop = await runCli([
      'tables',
      'apply',
      '--allow-drop',
      '--models',
      V2,
      '--table-prefix',
      prefix,
    ]);
    expect(drop.stdout).toContain('apply: drop global index color_global');
    expect(
      (await describeTable('widgets'))?.GlobalSecondaryIndexes?.map((i) => i.IndexName),
    ).toEqual(['size_global']);
  });

  it('deletes the tables only when confirmed', async () => {
    const refused = await runCli(['tables', 'delete', '--models', V2, '--table-prefix', prefix]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      "ocean-dynamo: refusing to delete tables without --yes when not on a terminal (see 'ocean-dynamo tables --help')\n",
    );
    expect(await describeTable('widgets')).toBeDefined();

    const deleted = await runCli([
      'tables',
      'delete',
      '--yes',
      '--models',
      V2,
      '--table-prefix',
      prefix,
    ]);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toBe(`${prefix}gadgets: deleted\n${prefix}widgets: deleted\n`);
    const list = await runCli(['tables', 'list', '--models', V2, '--table-prefix', prefix]);
    expect(list.stdout).toMatch(new RegExp(`${prefix}widgets\\s+MISSING\\s+-\\s+Widget`));
  });

  it('creates and deletes the companion tables of unique attributes and habtm links', async () => {
    const own = `${prefix}co_`;
    const tables = [
      `${own}clubs`,
      `${own}clubs_members_links`,
      `${own}members`,
      `${own}members_unique_values`,
    ];
    const created = await runCli([
      'tables',
      'create',
      '--models',
      COMPANIONS,
      '--table-prefix',
      own,
    ]);
    expect(created.code).toBe(0);
    for (const table of tables) expect(created.stdout).toContain(`${table}: creating`);
    for (const table of tables) {
      const description = await client.send(new DescribeTableCommand({ TableName: table }));
      expect(description.Table?.TableStatus).toBe('ACTIVE');
    }

    const deleted = await runCli([
      'tables',
      'delete',
      '--yes',
      '--models',
      COMPANIONS,
      '--table-prefix',
      own,
    ]);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout.trim().split('\n').sort()).toEqual(tables.map((t) => `${t}: deleted`));
    for (const table of tables)
      await expect(client.send(new DescribeTableCommand({ TableName: table }))).rejects.toThrow(
        /not found|non-existent/i,
      );
  });
});
