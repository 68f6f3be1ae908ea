/**
 * Where `ocean-dynamo import` reads rows: `postgres://…`, `mysql://…`, `sqlite:<path>`, or a
 * `.ndjson` / `.csv` file. Every source streams its rows in a stable order, so that a
 * checkpoint (how many rows are done) can resume where an earlier run stopped.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { UsageError } from '../cli-error.js';
import { loadOptional } from './drivers.js';
import { mysqlSource, postgresSource, sqliteSource } from './sql-sources.js';

type Row = Record<string, unknown>;

/** An open source of rows. */
export interface RowSource {
  /** How many rows there are, when it can be told up front (SQL), for the ETA. */
  count?(): Promise<number>;
  rows(): AsyncIterable<Row>;
  close(): Promise<void>;
}

/** How to select rows from a SQL source. */
export interface SqlSelection {
  table?: string | undefined;
  query?: string | undefined;
  orderBy?: string | undefined;
  /** Extra select of the parent's hash for a composite reference: `[column, parentTable, parentColumn]`. */
  parentJoin?: { column: string; parentTable: string; parentHash: string } | undefined;
}

export const PARENT_HASH_COLUMN = '__parent_hash';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$/;

function identifier(name: string, quote: string): string {
  if (!IDENTIFIER.test(name))
    throw new UsageError(
      `not a plain SQL name: '${name}' (use --query for anything else)`,
      'import',
    );
  return name
    .split('.')
    .map((part) => `${quote}${part}${quote}`)
    .join('.');
}

/** The SELECT for `--table` (ordered, joined to the parent for composite references) or `--query`. */
export function selectStatement(selection: SqlSelection, quote: string): string {
  if (selection.query !== undefined) return selection.query;
  const table = identifier(selection.table!, quote);
  const order = identifier(selection.orderBy ?? 'id', quote);
  const join = selection.parentJoin;
  if (!join) return `SELECT * FROM ${table} ORDER BY ${order}`;
  const parent = identifier(join.parentTable, quote);
  return (
    `SELECT c.*, p.${identifier(join.parentHash, quote)} AS ${PARENT_HASH_COLUMN} ` +
    `FROM ${table} c LEFT JOIN ${parent} p ON p.${identifier('id', quote)} = c.${identifier(join.column, quote)} ` +
    `ORDER BY c.${order}`
  );
}

/** Whether the source is a SQL database (needs --table or --query). */
export function isSqlSource(source: string): boolean {
  return /^(postgres|postgresql|mysql):\/\//.test(source) || source.startsWith('sqlite:');
}

/** Opens a source named on the command line. */
export async function openSource(source: string, selection: SqlSelection): Promise<RowSource> {
  if (/^(postgres|postgresql):\/\//.test(source))
    return postgresSource(source, selectStatement(selection, '"'));
  if (source.startsWith('mysql://')) return mysqlSource(source, selectStatement(selection, '`'));
  if (source.startsWith('sqlite:')) {
    const path = source.slice('sqlite:'.length);
    if (!existsSync(path)) throw new UsageError(`SQLite database not found: ${path}`, 'import');
    return sqliteSource(path, selectStatement(selection, '"'));
  }
  if (!existsSync(source)) throw new UsageError(`source not found: ${source}`, 'import');
  if (source.endsWith('.ndjson') || source.endsWith('.jsonl')) return ndjsonSource(source);
  if (source.endsWith('.csv')) return csvSource(source);
  throw new UsageError(
    `unknown source '${source}': use postgres://…, mysql://…, sqlite:<path>, a .ndjson or a .csv file`,
    'import',
  );
}

function ndjsonSource(path: string): RowSource {
  return {
    async *rows() {
      const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
      let number = 0;
      for await (const line of lines) {
        number++;
        if (line.trim() === '') continue;
        let row: unknown;
        try {
          row = JSON.parse(line);
        } catch (error) {
          throw new Error(`${path}:${number} is not JSON: ${(error as Error).message}`);
        }
        if (typeof row !== 'object' || row === null || Array.isArray(row))
          throw new Error(`${path}:${number} is not a JSON object`);
        yield row as Row;
      }
    },
    close: () => Promise.resolve(),
  };
}

interface CsvParse {
  parse(options: { columns: true; skip_empty_lines: true; bom: true }): NodeJS.ReadWriteStream;
}

function csvSource(path: string): RowSource {
  return {
    async *rows() {
      const { parse } = await loadOptional<CsvParse>('csv-parse', 'Importing a CSV file');
      const parser = createReadStream(path).pipe(
        parse({ columns: true, skip_empty_lines: true, bom: true }),
      );
      for await (const row of parser as AsyncIterable<Row>) yield row;
    },
    close: () => Promise.resolve(),
  };
}
