/**
 * Page cursors: opaque, URL-safe strings (base64url of JSON) holding where the next page
 * starts and a fingerprint of the query they belong to, so a cursor from another model,
 * index, hash value or range condition is refused before DynamoDB sees it.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { createHash } from 'node:crypto';
import { InvalidCursor } from '../errors.js';
import { schemaOf } from '../schema/model-class.js';
import { tableKeyNames } from './batch-get.js';
import type { QueryTarget } from './indexes.js';
import type { KeyQuery } from './key-query.js';
import { keyAttributeValue } from './keys.js';

type Item = Record<string, AttributeValue>;

const VERSION = 1;
/** Far above any real key (a key attribute is at most 2 KB): a bound on what we parse. */
const MAX_CURSOR_LENGTH = 8192;

/** What identifies a key query's result set. @internal */
export function queryFingerprint(q: KeyQuery): string {
  const hash = keyAttributeValue(q.model, q.hashName, q.hashValue);
  const range = q.range
    ? [
        q.range.name,
        q.range.comparator,
        Array.isArray(q.range.value)
          ? q.range.value.map((v) => keyAttributeValue(q.model, q.range!.name, v))
          : keyAttributeValue(q.model, q.range.name, q.range.value),
      ]
    : null;
  const identity = JSON.stringify([
    q.model.name,
    q.indexName ?? null,
    q.hashName,
    hash,
    range,
    q.scanIndexForward !== false,
  ]);
  return createHash('sha256').update(identity).digest('base64url').slice(0, 16);
}

/** A short digest of whatever identifies a result set (a relation's model, key, conditions, order). @internal */
export function fingerprintOf(identity: unknown): string {
  return createHash('sha256').update(JSON.stringify(identity)).digest('base64url').slice(0, 16);
}

/** The cursor for resuming after `key`. @internal */
export function encodeCursor(fingerprint: string, key: Item): string {
  return Buffer.from(JSON.stringify({ v: VERSION, f: fingerprint, k: key }), 'utf8').toString(
    'base64url',
  );
}

/**
 * The start key a cursor holds, after checking it belongs to this query and has exactly the
 * key attributes, of the right types, that the table or index needs.
 * @internal
 */
export function decodeCursor(
  cursor: unknown,
  q: KeyQuery,
  target: QueryTarget,
  fingerprint: string = queryFingerprint(q),
): Item {
  const where = `${q.model.name}${target.indexName ? ` (index '${target.indexName}')` : ''}`;
  const invalid = (why: string) => new InvalidCursor(`Invalid cursor for ${where}: ${why}`);
  if (
    typeof cursor !== 'string' ||
    cursor.length === 0 ||
    cursor.length > MAX_CURSOR_LENGTH ||
    !/^[A-Za-z0-9_-]+$/.test(cursor)
  ) {
    throw invalid('not a cursor returned by a page of this query');
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('malformed');
  }
  if (
    !isRecord(body) ||
    body['v'] !== VERSION ||
    typeof body['f'] !== 'string' ||
    !isRecord(body['k'])
  ) {
    throw invalid('malformed');
  }
  if (body['f'] !== fingerprint) throw invalid('it belongs to another query');
  const key = body['k'];
  const schema = schemaOf(q.model);
  const expected = new Set([
    ...tableKeyNames(q.model),
    target.hashKey,
    ...(target.rangeKey ? [target.rangeKey] : []),
  ]);
  const names = Object.keys(key);
  if (names.length !== expected.size || !names.every((name) => expected.has(name)))
    throw invalid('malformed');
  const start: Item = {};
  for (const name of names) {
    const value = key[name];
    const type = schema.keyTypeOf(name);
    if (!isRecord(value) || Object.keys(value).length !== 1 || typeof value[type] !== 'string')
      throw invalid('malformed');
    const text = value[type] as string;
    if (type === 'N' && !Number.isFinite(Number(text))) throw invalid('malformed');
    if (text.length === 0) throw invalid('malformed');
    start[name] = type === 'N' ? { N: text } : { S: text };
  }
  // A scan has no hash value to check the cursor against.
  if (q.hashValue === undefined) return start;
  const hash = keyAttributeValue(q.model, q.hashName, q.hashValue);
  if (JSON.stringify(start[q.hashName]) !== JSON.stringify(hash))
    throw invalid('it belongs to another query');
  return start;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
