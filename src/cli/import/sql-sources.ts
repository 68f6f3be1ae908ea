/**
 * Rows from PostgreSQL (`pg`), MySQL/MariaDB (`mysql2`) and SQLite (`better-sqlite3`),
 * streamed so that memory stays flat: a server-side cursor in PostgreSQL, a row stream in
 * MySQL, a statement iterator in SQLite. Timestamps without a time zone are read as UTC.
 */
import type { RowSource } from './sources.js';
import { loadOptional } from './drivers.js';

type Row = Record<string, unknown>;

const FETCH_SIZE = 1000;

// PostgreSQL's `timestamp without time zone` (OID 1114): UTC, not the process's local time.
const PG_TIMESTAMP = 1114;

interface PgClient {
  connect(): Promise<void>;
  query(sql: string, values?: unknown[]): Promise<{ rows: Row[] }>;
  end(): Promise<void>;
}
interface PgModule {
  default: {
    Client: new (options: { connectionString: string; types?: unknown }) => PgClient;
    types: {
      getTypeParser(oid: number, format?: string): (text: string) => unknown;
    };
  };
}

export async function postgresSource(url: string, sql: string): Promise<RowSource> {
  const pg = (await loadOptional<PgModule>('pg', 'Importing from PostgreSQL')).default;
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      oid === PG_TIMESTAMP
        ? (text: string) => new Date(`${text.replace(' ', 'T')}Z`)
        : pg.types.getTypeParser(oid, format),
  };
  const client = new pg.Client({ connectionString: url, types });
  await client.connect();
  return {
    async count() {
      const { rows } = await client.query(`SELECT COUNT(*) AS n FROM (${sql}) AS counted`);
      return Number(rows[0]?.n);
    },
    async *rows() {
      await client.query('BEGIN');
      await client.query(`DECLARE import_rows NO SCROLL CURSOR FOR ${sql}`);
      for (;;) {
        const { rows } = await client.query(`FETCH ${FETCH_SIZE} FROM import_rows`);
        yield* rows;
        if (rows.length < FETCH_SIZE) break;
      }
      await client.query('COMMIT');
    },
    close: () => client.end(),
  };
}

interface MysqlConnection {
  query(sql: string): { stream(options?: { highWaterMark?: number }): AsyncIterable<Row> };
  promise(): { query(sql: string): Promise<[Row[], unknown]> };
  end(callback?: (error?: unknown) => void): void;
}
interface MysqlModule {
  default: {
    createConnection(options: {
      uri: string;
      timezone: string;
      dateStrings?: boolean;
      supportBigNumbers?: boolean;
      bigNumberStrings?: boolean;
    }): MysqlConnection;
  };
}

export async function mysqlSource(url: string, sql: string): Promise<RowSource> {
  const mysql = (await loadOptional<MysqlModule>('mysql2', 'Importing from MySQL')).default;
  const connection = mysql.createConnection({
    uri: url,
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  return {
    async count() {
      const [rows] = await connection
        .promise()
        .query(`SELECT COUNT(*) AS n FROM (${sql}) AS counted`);
      return Number(rows[0]?.n);
    },
    rows: () => connection.query(sql).stream({ highWaterMark: FETCH_SIZE }),
    close: () => new Promise<void>((resolve) => connection.end(() => resolve())),
  };
}

interface SqliteStatement {
  iterate(): IterableIterator<Row>;
  get(): Row | undefined;
}
interface SqliteModule {
  default: new (
    path: string,
    options?: { readonly?: boolean; fileMustExist?: boolean },
  ) => {
    prepare(sql: string): SqliteStatement;
    close(): void;
  };
}

export async function sqliteSource(path: string, sql: string): Promise<RowSource> {
  const Database = (await loadOptional<SqliteModule>('better-sqlite3', 'Importing from SQLite'))
    .default;
  const db = new Database(path, { readonly: true, fileMustExist: true });
  return {
    count: () => Promise.resolve(Number(db.prepare(`SELECT COUNT(*) AS n FROM (${sql})`).get()?.n)),
    // SQLite keeps datetimes as text such as '2024-05-01 10:00:00' (UTC, as CURRENT_TIMESTAMP).
    async *rows() {
      for (const row of db.prepare(sql).iterate()) yield row;
    },
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}
