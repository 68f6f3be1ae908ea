/**
 * `ocean-dynamo import <source> --models <file> --model <Name> …`: loads rows from a SQL
 * database, an NDJSON or a CSV file into a model through `insertAll`, with a progress line,
 * a rejects file and a checkpoint to resume from.
 */
import { appendFileSync, existsSync, statSync } from 'node:fs';
import { baseTableName, schemaOf, type ModelClass } from '../../schema/model-class.js';
import { belongsToOf } from '../../associations/registry.js';
import { insertAll, type InsertProgress } from '../../bulk/insert-all.js';
import { prepareRecord } from '../../bulk/prepare-record.js';
import { CONNECTION_HELP, CONNECTION_OPTIONS, integerOption, parse } from '../arguments.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../cli-error.js';
import { connect } from '../connection.js';
import { loadModels } from '../models.js';
import { readCheckpoint, rewindRejects, writeCheckpoint, type Checkpoint } from './checkpoint.js';
import { ImportProgress } from './import-progress.js';
import { RowMapper, snakeCase } from './row-mapping.js';
import { isSqlSource, openSource, type SqlSelection } from './sources.js';

export const IMPORT_HELP = `Usage: ocean-dynamo import <source> --models <file> --model <Name> [options]

Sources:
  postgres://user@host:5432/db    PostgreSQL (needs the package pg)
  mysql://user@host:3306/db       MySQL or MariaDB (needs mysql2)
  sqlite:<path>                   SQLite (needs better-sqlite3)
  <file>.ndjson                   one JSON object a line
  <file>.csv                      a header line, then rows (needs csv-parse)

Options:
  --models <file>          a module exporting the model classes; repeatable
  --model <Name>           the model to import into
  --table <name>           SQL: import every row of this table (ordered by --order-by)
  --query <sql>            SQL: import the rows of this query (give it an ORDER BY to resume)
  --order-by <column>      with --table: the column that orders the rows (default: id)
  --map <column=attribute> map a column to an attribute (repeatable); 'column=' leaves it out
  --dry-run                cast and validate every row and report; write nothing
  --rejects <file>         write rejected rows with their errors to this NDJSON file
  --checkpoint <file>      record progress here; run the same command again to resume
  --overwrite              replace items whose key exists (default: refuse them)
  --concurrency <n>        BatchWriteItem requests in flight (default 8)
  -h, --help               show this help

Columns map to attributes by name, snake_case to camelCase (created_at → createdAt), or as
written; 'id' becomes the model's own key when it has no 'id' attribute; the foreign key
column of a belongsTo (topic_id for topicId) becomes the parent reference. A composite
reference ("<forum>:<topic>") is built with --table by joining the parent's table (named as
the parent model's table) for its own foreign key; with --query, select it yourself.

${CONNECTION_HELP}

Exit codes: 0 every row imported, 1 failed or some rows rejected, 2 wrong usage.`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  models: { type: 'string', multiple: true },
  model: { type: 'string' },
  table: { type: 'string' },
  query: { type: 'string' },
  'order-by': { type: 'string' },
  map: { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  rejects: { type: 'string' },
  checkpoint: { type: 'string' },
  overwrite: { type: 'boolean' },
  concurrency: { type: 'string' },
} as const;

/** Runs an import; resolves to the exit code. */
export async function runImport(argv: string[]): Promise<number> {
  const { values, positionals } = parse('import', argv, OPTIONS, true);
  if (values.help) {
    process.stdout.write(`${IMPORT_HELP}\n`);
    return EXIT_OK;
  }
  const [source, ...extra] = positionals;
  if (!source) throw new UsageError('missing <source>', 'import');
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`, 'import');
  if (!values.models?.length) throw new UsageError('needs --models <file>', 'import');
  if (!values.model) throw new UsageError('needs --model <Name>', 'import');
  const sql = isSqlSource(source);
  if (sql && (values.table === undefined) === (values.query === undefined))
    throw new UsageError(
      'a SQL source needs --table <name> or --query <sql> (one of them)',
      'import',
    );
  if (!sql && (values.table !== undefined || values.query !== undefined))
    throw new UsageError('--table and --query are for SQL sources', 'import');
  const explicit = parseMap(values.map ?? []);
  const concurrency = integerOption('import', 'concurrency', values.concurrency);

  const connection = await connect(values, false, 10, 'import');
  try {
    const models = await loadModels(values.models, 'import');
    const model = models.find((m) => m.name === values.model) as unknown as ModelClass | undefined;
    if (!model) {
      throw new UsageError(
        `no model '${values.model}' in ${values.models.join(', ')} (it exports ${models.map((m) => m.name).join(', ') || 'none'})`,
        'import',
      );
    }
    const mapper = new RowMapper(model, explicit);
    const selection: SqlSelection = {
      table: values.table,
      query: values.query,
      orderBy: values['order-by'],
      parentJoin: values.table === undefined ? undefined : parentJoin(model, mapper),
    };
    return await importRows({
      source,
      model,
      mapper,
      selection,
      dryRun: values['dry-run'] === true,
      rejectsPath: values.rejects,
      checkpointPath: values.checkpoint,
      overwrite: values.overwrite === true,
      concurrency,
    });
  } finally {
    await connection.close();
  }
}

function parseMap(entries: readonly string[]): Map<string, string | null> {
  const map = new Map<string, string | null>();
  for (const entry of entries) {
    const at = entry.indexOf('=');
    if (at <= 0) throw new UsageError(`--map takes column=attribute, not '${entry}'`, 'import');
    map.set(entry.slice(0, at), entry.slice(at + 1) || null);
  }
  return map;
}

// A composite reference needs the parent's own parent id: join the parent's table for it.
function parentJoin(model: ModelClass, mapper: RowMapper): SqlSelection['parentJoin'] {
  const association = belongsToOf(model);
  if (!association?.compositeKey) return undefined;
  const parent = association.target();
  const grandparent = belongsToOf(parent);
  if (!grandparent) return undefined;
  return {
    column: mapper.foreignKeyColumn()!,
    parentTable: baseTableName(parent),
    parentHash: snakeCase(grandparent.foreignKey),
  };
}

interface ImportPlan {
  source: string;
  model: ModelClass;
  mapper: RowMapper;
  selection: SqlSelection;
  dryRun: boolean;
  rejectsPath: string | undefined;
  checkpointPath: string | undefined;
  overwrite: boolean;
  concurrency: number | undefined;
}

async function importRows(plan: ImportPlan): Promise<number> {
  const { model, mapper } = plan;
  const checkpoint = plan.checkpointPath
    ? readCheckpoint(plan.checkpointPath, plan.source, model.name)
    : null;
  if (checkpoint?.complete) {
    process.stdout.write(
      `${model.name}: already imported from ${plan.source} (${checkpoint.settled} rows; checkpoint ${plan.checkpointPath})\n`,
    );
    return EXIT_OK;
  }
  const skip = plan.dryRun ? 0 : (checkpoint?.settled ?? 0);
  if (plan.rejectsPath) {
    if (checkpoint && !plan.dryRun) rewindRejects(plan.rejectsPath, checkpoint.rejectsBytes);
    else if (existsSync(plan.rejectsPath)) rewindRejects(plan.rejectsPath, 0);
  }
  const rejects = new OrderedRejects(plan.rejectsPath);
  const source = await openSource(plan.source, plan.selection);
  const started = Date.now();
  try {
    const total = source.count ? await source.count() : undefined;
    const progress = new ImportProgress(process.stderr, total, skip);
    // Source index of each row handed to insertAll and not yet settled, in order.
    const unsettled: number[] = [];
    let read = 0;
    const sourceSettled = () => unsettled[0] ?? read;

    async function* attributes(): AsyncGenerator<object> {
      for await (const row of source.rows()) {
        const index = read;
        if (index < skip) {
          read++;
          continue;
        }
        const mapped = mapper.map(row);
        if ('errors' in mapped) {
          rejects.add(index, row, mapped.errors);
          read++;
          continue;
        }
        unsettled.push(index);
        read++;
        yield mapped.attributes;
      }
    }

    let outcome: { written: number; rejected: number; skipped: number; retried: number };
    if (plan.dryRun) {
      outcome = await validateOnly(model, attributes(), unsettled, rejects, () => {
        progress.update(read, rejects.count);
      });
    } else {
      let settledInserts = 0;
      let lastSaved = 0;
      const save = (complete: boolean) => {
        const settled = sourceSettled();
        rejects.flushBefore(settled);
        if (plan.checkpointPath) {
          const saved: Checkpoint = {
            source: plan.source,
            model: model.name,
            settled,
            rejectsBytes: rejects.bytes,
            complete,
          };
          writeCheckpoint(plan.checkpointPath, saved);
        }
      };
      const report = await insertAll(model, attributes(), {
        overwrite: plan.overwrite,
        skipExisting: checkpoint !== null,
        ...(plan.concurrency ? { concurrency: plan.concurrency } : {}),
        onReject: (rejection) => {
          const index = unsettledIndex(unsettled, settledInserts, rejection.index);
          rejects.add(index, rejection.attributes, rejection.errors);
        },
        onProgress: (p: InsertProgress) => {
          while (settledInserts < p.settled) {
            unsettled.shift();
            settledInserts++;
          }
          if (Date.now() - lastSaved > 250) {
            lastSaved = Date.now();
            save(false);
          }
          progress.update(sourceSettled(), rejects.count);
        },
      });
      unsettled.length = 0;
      save(true);
      outcome = { ...report, rejected: report.rejected.length };
    }
    rejects.flushBefore(Infinity);
    progress.update(read, rejects.count, true);
    const seconds = (Date.now() - started) / 1000;
    const ignored = mapper.ignored.length ? `; columns left out: ${mapper.ignored.join(', ')}` : '';
    const schema = schemaOf(model);
    process.stdout.write(
      `${model.name}${plan.dryRun ? ' (dry run, nothing written)' : ''}: ${read - skip} rows read` +
        `${skip ? ` after ${skip} done before` : ''}, ${plan.dryRun ? 'valid' : 'written'} ${outcome.written}, ` +
        `rejected ${rejects.count}, skipped ${outcome.skipped}, retried ${outcome.retried} ` +
        `in ${seconds.toFixed(1)} s (key ${schema.rangeKey ? `${schema.hashKey}, ${schema.rangeKey}` : schema.hashKey})${ignored}` +
        `${rejects.count && plan.rejectsPath ? `; rejected rows in ${plan.rejectsPath}` : ''}\n`,
    );
    return rejects.count > 0 ? EXIT_FAILURE : EXIT_OK;
  } finally {
    await source.close();
  }
}

// insertAll numbers its own input; the rows it was given are `unsettled`, from `offset` on.
function unsettledIndex(unsettled: readonly number[], offset: number, insertIndex: number): number {
  return unsettled[insertIndex - offset] ?? -1;
}

async function validateOnly(
  model: ModelClass,
  rows: AsyncIterable<object>,
  unsettled: number[],
  rejects: OrderedRejects,
  tick: () => void,
): Promise<{ written: number; rejected: number; skipped: number; retried: number }> {
  let valid = 0;
  let index = 0;
  for await (const attributes of rows) {
    const prepared = await prepareRecord(model, attributes as Record<string, unknown>, index++, {
      validate: true,
      callbacks: false,
    });
    const sourceIndex = unsettled.shift()!;
    if (prepared.kind === 'rejected')
      rejects.add(sourceIndex, prepared.rejection.attributes, prepared.rejection.errors);
    else valid++;
    rejects.flushBefore(sourceIndex + 1);
    tick();
  }
  return { written: valid, rejected: rejects.count, skipped: 0, retried: 0 };
}

/** Rejected rows, written to the file in source order once every row before them is done. */
class OrderedRejects {
  private readonly waiting = new Map<number, string>();
  count = 0;
  bytes: number;

  constructor(private readonly path: string | undefined) {
    this.bytes = path && existsSync(path) ? statSync(path).size : 0;
  }

  add(index: number, row: object, errors: Record<string, string[]>): void {
    this.count++;
    if (!this.path) return;
    this.waiting.set(
      index,
      `${JSON.stringify({ row: index + 1, attributes: row, errors }, replacer)}\n`,
    );
  }

  flushBefore(settled: number): void {
    if (!this.path || this.waiting.size === 0) return;
    const ready = [...this.waiting.keys()].filter((i) => i < settled).sort((a, b) => a - b);
    if (ready.length === 0) return;
    const text = ready.map((i) => this.waiting.get(i)!).join('');
    for (const i of ready) this.waiting.delete(i);
    appendFileSync(this.path, text);
    this.bytes += Buffer.byteLength(text);
  }
}

function replacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
