/**
 * Builds the relational forum in a real database for one test run, under names of its own
 * (a PostgreSQL schema, a MariaDB database, an SQLite file), so parallel runs never collide.
 */
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { DDL, inserts, type ForumRows } from './forum-schema.js';

const TABLES = ['forums', 'topics', 'posts'] as const;

export function makeSqlite(path: string, rows: ForumRows): string {
  const db = new Database(path);
  for (const table of TABLES) {
    db.exec(DDL[table]);
    const write = db.transaction(() => {
      for (const s of inserts(table, rows[table], () => '?')) db.prepare(s.sql).run(...s.values);
    });
    write();
  }
  db.close();
  return `sqlite:${path}`;
}

const PG_BASE = 'postgres://postgres@127.0.0.1:5432/test';

/** Creates schema `name` with the forum; resolves to a URL whose search_path is that schema. */
export async function makePostgres(name: string, rows: ForumRows): Promise<string> {
  const client = new pg.Client({ connectionString: PG_BASE });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${name}`);
    await client.query(`SET search_path TO ${name}`);
    for (const table of TABLES) {
      await client.query(DDL[table]);
      for (const s of inserts(table, rows[table], (n) => `$${n}`))
        await client.query(s.sql, s.values);
    }
  } finally {
    await client.end();
  }
  return `${PG_BASE}?options=${encodeURIComponent(`-c search_path=${name}`)}`;
}

export async function dropPostgres(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_BASE });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  await client.end();
}

const MYSQL_BASE = 'mysql://root@127.0.0.1:3306';

/** Creates database `name` with the forum; resolves to its URL. */
export async function makeMysql(name: string, rows: ForumRows): Promise<string> {
  const connection = await mysql.createConnection(`${MYSQL_BASE}/test`);
  try {
    await connection.query(`CREATE DATABASE ${name}`);
    await connection.query(`USE ${name}`);
    for (const table of TABLES) {
      await connection.query(DDL[table]);
      for (const s of inserts(table, rows[table], () => '?'))
        await connection.query(s.sql, s.values);
    }
  } finally {
    await connection.end();
  }
  return `${MYSQL_BASE}/${name}`;
}

export async function dropMysql(name: string): Promise<void> {
  const connection = await mysql.createConnection(`${MYSQL_BASE}/test`);
  await connection.query(`DROP DATABASE IF EXISTS ${name}`);
  await connection.end();
}
