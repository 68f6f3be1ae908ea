/**
 * `ocean-dynamo tables <list|create|delete|describe|plan|apply> --models <file>`: manage the
 * tables of the models a file exports.
 */
import { createInterface } from 'node:readline/promises';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ListTablesCommand,
  UpdateTableCommand,
  type DescribeTableCommandOutput,
  type ListTablesCommandOutput,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { currentConfiguration } from '../configuration.js';
import { awsErrorName, send } from '../connection/request.js';
import { companionTablesOf } from '../connection/companion-tables.js';
import { createTableInput } from '../connection/table-management.js';
import { tableFullNameOf, type ModelClass } from '../schema/model-class.js';
import { CONNECTION_HELP, CONNECTION_OPTIONS, parse, type Parsed } from './arguments.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from './cli-error.js';
import { connect } from './connection.js';
import { loadModels, type LoadedModel } from './models.js';
import { waitWithProgress } from './progress.js';
import { planModel, type PlannedChange } from './table-plan.js';

export const TABLES_HELP = `Usage: ocean-dynamo tables <action> --models <file> [options]

Actions:
  list                    the tables of the models (without --models: every table), with item counts
  create                  create the missing tables and wait until they are ACTIVE
  delete                  delete the tables (asks first; --yes to skip the question)

Every action covers a model's companion tables too: <table>_unique_values (unique
attributes) and <a>_<b>_links (hasAndBelongsToMany).
  describe                print each table as DynamoDB describes it
  plan                    show what apply would change to match the models
  apply                   add missing global indexes, change billing mode and throughput

Options:
  --models <file>         a module exporting model classes (.js, or .ts with tsx installed); repeatable
  --dry-run               create: print the CreateTable requests instead of sending them
  --allow-drop            plan/apply: also drop global indexes the models do not declare as they are
  --yes                   delete: do not ask for confirmation
  --json                  list/describe: print JSON
  -h, --help              show this help

${CONNECTION_HELP}

Exit codes: 0 done, 1 failed (e.g. DynamoDB unreachable), 2 wrong usage.`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  models: { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  'allow-drop': { type: 'boolean' },
  yes: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

type Values = Parsed<typeof OPTIONS>['values'];
const ACTIONS = ['list', 'create', 'delete', 'describe', 'plan', 'apply'] as const;
type Action = (typeof ACTIONS)[number];

/** Runs a `tables` action; resolves to the exit code. */
export async function runTables(argv: string[]): Promise<number> {
  const { values, positionals } = parse('tables', argv, OPTIONS, true);
  if (values.help) {
    process.stdout.write(`${TABLES_HELP}\n`);
    return EXIT_OK;
  }
  const [action, ...extra] = positionals;
  if (!action)
    throw new UsageError('missing action: list, create, delete, describe, plan or apply', 'tables');
  if (!(ACTIONS as readonly string[]).includes(action))
    throw new UsageError(`unknown action '${action}'`, 'tables');
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`, 'tables');
  const files = values.models ?? [];
  if (files.length === 0 && action !== 'list')
    throw new UsageError(`${action} needs --models <file>`, 'tables');

  // Models are loaded after configure(), so a model file that configures itself wins.
  const connection = await connect(values, false);
  try {
    const models = await loadModels(files, 'tables');
    if (files.length > 0 && models.length === 0)
      throw new Error(`no model classes exported by ${files.join(', ')}`);
    return await perform(action as Action, withCompanionTables(models), values);
  } finally {
    await connection.close();
  }
}

/**
 * The models and, after each, the companion tables created and deleted with it (guards of
 * unique values, hasAndBelongsToMany links), each table once: the CLI manages exactly the
 * tables `Model.createTable()` and `Model.deleteTable()` do.
 */
function withCompanionTables(models: readonly LoadedModel[]): ModelClass[] {
  const byTable = new Map<string, ModelClass>();
  for (const model of models) {
    for (const table of [model, ...companionTablesOf(model)]) {
      const name = tableFullNameOf(table);
      if (!byTable.has(name)) byTable.set(name, table);
    }
  }
  return [...byTable.values()];
}

async function perform(action: Action, models: ModelClass[], values: Values): Promise<number> {
  switch (action) {
    case 'list':
      return list(models, values.json === true);
    case 'create':
      return create(models, values['dry-run'] === true);
    case 'delete':
      return remove(models, values.yes === true);
    case 'describe':
      return describe(models, values.json === true);
    case 'plan':
    case 'apply':
      return planOrApply(
        models,
        action === 'apply',
        values['allow-drop'] === true,
        applyCommand(values),
      );
  }
}

/** The exact command that applies a plan made with these options. */
function applyCommand(values: Values): string {
  const words = ['npx', 'ocean-dynamo', 'tables', 'apply'];
  for (const file of values.models ?? []) words.push('--models', file);
  for (const name of ['endpoint', 'region', 'table-prefix'] as const) {
    const value = values[name];
    if (value !== undefined) words.push(`--${name}`, value);
  }
  if (values['allow-drop']) words.push('--allow-drop');
  return words.map(shellWord).join(' ');
}

function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

async function describeByName(table: string): Promise<TableDescription | null> {
  try {
    const output = await send<DescribeTableCommandOutput>(
      new DescribeTableCommand({ TableName: table }),
      { table },
    );
    return output.Table ?? null;
  } catch (error) {
    if (awsErrorName(error) === 'ResourceNotFoundException') return null;
    throw error;
  }
}

/** Every table name at the endpoint (paged), or those starting with the configured prefix. */
export async function allTableNames(): Promise<string[]> {
  const names: string[] = [];
  let start: string | undefined;
  do {
    const page: ListTablesCommandOutput = await send(
      new ListTablesCommand(start ? { ExclusiveStartTableName: start } : {}),
    );
    names.push(...(page.TableNames ?? []));
    start = page.LastEvaluatedTableName;
  } while (start);
  const prefix = currentConfiguration().tableNamePrefix;
  return prefix ? names.filter((name) => name.startsWith(prefix)) : names;
}

/** Rows of `table  status  items  model` for the models' tables, or every table. */
export async function tableRows(models: readonly ModelClass[]): Promise<string[][]> {
  const targets: [string, string][] =
    models.length > 0
      ? models.map((m) => [tableFullNameOf(m), m.name])
      : (await allTableNames()).map((name) => [name, '']);
  const rows = await Promise.all(
    targets.map(async ([table, model]) => {
      const description = await describeByName(table);
      return [
        table,
        description?.TableStatus ?? 'MISSING',
        description ? String(description.ItemCount ?? 0) : '-',
        model,
      ];
    }),
  );
  return [['TABLE', 'STATUS', 'ITEMS', 'MODEL'], ...rows];
}

/** Left-aligned columns, two spaces apart. */
export function formatColumns(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function list(models: ModelClass[], json: boolean): Promise<number> {
  const rows = await tableRows(models);
  if (json) {
    const [, ...data] = rows;
    const objects = data.map(([table, status, items, model]) => ({
      table,
      status,
      items: items === '-' ? null : Number(items),
      model: model || null,
    }));
    process.stdout.write(`${JSON.stringify(objects, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatColumns(rows)}\n`);
  }
  return EXIT_OK;
}

async function create(models: ModelClass[], dryRun: boolean): Promise<number> {
  if (dryRun) {
    const requests = models.map((model) => ({ CreateTable: createTableInput(model) }));
    process.stdout.write(`${JSON.stringify(requests, null, 2)}\n`);
    return EXIT_OK;
  }
  for (const model of models) {
    const table = tableFullNameOf(model);
    if (await describeByName(table)) {
      process.stdout.write(`${table}: exists (${model.name})\n`);
      continue;
    }
    process.stdout.write(`${table}: creating (${model.name})\n`);
    try {
      await send(new CreateTableCommand(createTableInput(model)), { model: model.name, table });
    } catch (error) {
      if (awsErrorName(error) !== 'ResourceInUseException') throw error;
    }
    await waitWithProgress(table, process.stdout);
  }
  return EXIT_OK;
}

async function remove(models: ModelClass[], yes: boolean): Promise<number> {
  const tables = models.map((model) => tableFullNameOf(model));
  if (!yes) {
    if (!process.stdin.isTTY)
      throw new UsageError(
        'refusing to delete tables without --yes when not on a terminal',
        'tables',
      );
    const answer = await ask(`Delete ${tables.join(', ')}? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) {
      process.stdout.write('Nothing deleted.\n');
      return EXIT_FAILURE;
    }
  }
  for (const table of tables) {
    try {
      await send(new DeleteTableCommand({ TableName: table }), { table });
      process.stdout.write(`${table}: deleted\n`);
    } catch (error) {
      if (awsErrorName(error) !== 'ResourceNotFoundException') throw error;
      process.stdout.write(`${table}: did not exist\n`);
    }
  }
  return EXIT_OK;
}

async function ask(question: string): Promise<string> {
  const readline = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await readline.question(question);
  } finally {
    readline.close();
  }
}

async function describe(models: ModelClass[], json: boolean): Promise<number> {
  const descriptions = await Promise.all(
    models.map(async (model) => [model, await describeByName(tableFullNameOf(model))] as const),
  );
  if (json) {
    process.stdout.write(
      `${JSON.stringify(
        descriptions.map(([, d]) => d),
        null,
        2,
      )}\n`,
    );
    return EXIT_OK;
  }
  for (const [model, description] of descriptions)
    process.stdout.write(`${summarize(model, description)}\n`);
  return EXIT_OK;
}

function summarize(model: ModelClass, table: TableDescription | null): string {
  if (!table) return `${tableFullNameOf(model)} (${model.name}): does not exist\n`;
  const keys = (
    list: { AttributeName?: string | undefined; KeyType?: string | undefined }[] | undefined,
  ) => (list ?? []).map((key) => `${key.AttributeName} ${key.KeyType}`).join(', ');
  const billing = table.BillingModeSummary?.BillingMode ?? 'PROVISIONED';
  const throughput = (
    t:
      | { ReadCapacityUnits?: number | undefined; WriteCapacityUnits?: number | undefined }
      | undefined,
  ) =>
    billing === 'PROVISIONED'
      ? `, read ${t?.ReadCapacityUnits}, write ${t?.WriteCapacityUnits}`
      : '';
  const lines = [
    `${table.TableName} (${model.name}): ${table.TableStatus}, ${table.ItemCount ?? 0} items`,
    `  keys: ${keys(table.KeySchema)}`,
    `  billing: ${billing}${throughput(table.ProvisionedThroughput)}`,
    ...(table.LocalSecondaryIndexes ?? []).map(
      (index) => `  local index ${index.IndexName}: ${keys(index.KeySchema)}`,
    ),
    ...(table.GlobalSecondaryIndexes ?? []).map(
      (index) =>
        `  global index ${index.IndexName}: ${keys(index.KeySchema)}; ${index.Projection?.ProjectionType}` +
        `${index.Projection?.NonKeyAttributes ? ` ${index.Projection.NonKeyAttributes.join(', ')}` : ''}; ${index.IndexStatus}` +
        throughput(index.ProvisionedThroughput),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

async function planOrApply(
  models: ModelClass[],
  apply: boolean,
  allowDrop: boolean,
  command: string,
): Promise<number> {
  let pending = 0;
  for (const model of models) {
    const changes = await planModel(model, allowDrop);
    if (changes.length === 0) {
      process.stdout.write(`${tableFullNameOf(model)} (${model.name}): up to date\n`);
      continue;
    }
    process.stdout.write(`${tableFullNameOf(model)} (${model.name}):\n`);
    for (const change of changes) {
      const action = change.blocked ? 'skip' : apply ? 'apply' : change.request ? 'will' : 'note';
      process.stdout.write(
        `  ${action}: ${change.summary}${change.blocked ? ` (${change.blocked})` : ''}\n`,
      );
      if (change.request && !change.blocked) {
        pending += 1;
        if (apply) await applyChange(change);
      }
    }
  }
  if (!apply)
    process.stdout.write(
      pending === 0
        ? 'Nothing to apply.\n'
        : `${pending} change(s); to make them, run: ${command}\n`,
    );
  return EXIT_OK;
}

async function applyChange(change: PlannedChange): Promise<void> {
  const request = change.request;
  if (!request) return;
  const command =
    request.operation === 'CreateTable'
      ? new CreateTableCommand(request.input)
      : new UpdateTableCommand(request.input);
  await send(command, { table: change.table });
  // DynamoDB takes one change to a table at a time: wait for each before the next.
  await waitWithProgress(change.table, process.stdout);
}
