/**
 * Page cursors: opaque, URL-safe strings (base64url of JSON) holding where the next page
 * starts and a fingerprint of the query they belong to, so a cursor from another model,
 * index, hash value or range condition is refused before DynamoDB sees it.
 *
 * Unsigned by default, for trusted callers: anyone holding a cursor can edit it to start a
 * page anywhere in the same result set. With `configure({ cursorSecret })` every cursor is
 * `<payload>.<HMAC-SHA256>`, signed with the newest secret and verified against each one
 * (constant-time), optionally bound to a caller context and carrying an expiry.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { currentConfiguration } from '../configuration.js';
import { InvalidArgument, InvalidCursor } from '../errors.js';
import { schemaOf } from '../schema/model-class.js';
import { tableKeyNames } from '../dynamo/keys.js';
import type { QueryTarget } from './indexes.js';
import type { KeyQuery } from './key-query.js';
import { keyAttributeValue } from './keys.js';

type Item = Record<string, AttributeValue>;

const VERSION = 1;
/** Far above any real key (a key attribute is at most 2 KB): a bound on what we parse. */
const MAX_CURSOR_LENGTH = 8192;
const SIGNATURE_BYTES = 32;
/** Separates cursor MACs from any other use of the same secret. */
const MAC_DOMAIN = 'ocean-dynamo cursor v1';

/** What a signed cursor is bound to besides its query (ignored without a `cursorSecret`). */
export interface CursorBinding {
  /**
   * Names the caller (a user id, a tenant): a signed cursor then works only for the same
   * context. Needs `configure({ cursorSecret })`.
   */
  context?: string;
  /**
   * Milliseconds the `next` cursor stays valid; default `configure({ cursorExpiresIn })`, else
   * no expiry. Needs `configure({ cursorSecret })`.
   */
  expiresIn?: number;
}

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

/** The cursor for resuming after `key`, signed when a `cursorSecret` is configured. @internal */
export function encodeCursor(fingerprint: string, key: Item, binding: CursorBinding = {}): string {
  const secrets = cursorSecrets(binding);
  const expiresIn = binding.expiresIn ?? currentConfiguration().cursorExpiresIn;
  const expiry = secrets && expiresIn !== undefined ? { e: Date.now() + expiresIn } : {};
  const payload = Buffer.from(
    JSON.stringify({ v: VERSION, f: fingerprint, k: key, ...expiry }),
    'utf8',
  ).toString('base64url');
  if (!secrets) return payload;
  return `${payload}.${mac(secrets[0]!, payload, binding.context).toString('base64url')}`;
}

/**
 * Refuses a binding that could not be enforced or is malformed; reading a page calls it first,
 * so a last page (which issues no cursor) refuses it too. @internal
 */
export function assertCursorBinding(binding: CursorBinding): void {
  cursorSecrets(binding);
}

/** The configured secrets (newest first), or null when cursors are unsigned. */
function cursorSecrets(binding: CursorBinding): readonly string[] | null {
  const configured = currentConfiguration().cursorSecret;
  const secrets = configured === undefined ? [] : [configured].flat();
  if (secrets.length === 0) {
    if (binding.context !== undefined || binding.expiresIn !== undefined) {
      // Unsigned, a cursor's context or expiry could be edited away: refuse the illusion.
      throw new InvalidArgument(
        'A cursor context or expiresIn needs configure({ cursorSecret }): unsigned cursors bind nothing',
        binding.context !== undefined ? 'context' : 'expiresIn',
      );
    }
    return null;
  }
  if (
    binding.context !== undefined &&
    (typeof binding.context !== 'string' || binding.context === '')
  ) {
    throw new InvalidArgument('A cursor context must be a non-empty string', 'context');
  }
  if (
    binding.expiresIn !== undefined &&
    (!Number.isSafeInteger(binding.expiresIn) || binding.expiresIn < 1)
  ) {
    throw new InvalidArgument(
      `expiresIn must be a positive whole number of milliseconds (got ${String(binding.expiresIn)})`,
      'expiresIn',
    );
  }
  return secrets;
}

function mac(secret: string, payload: string, context: string | undefined): Buffer {
  // The payload is base64url (no newline), so the last newline delimits it unambiguously.
  return createHmac('sha256', secret)
    .update(`${MAC_DOMAIN}\n${context ?? ''}\n${payload}`, 'utf8')
    .digest();
}

/**
 * The payload of a cursor: checked against every configured secret in constant time, before
 * anything in it is parsed. Unsigned mode takes the cursor as it is.
 */
function openCursor(
  cursor: string,
  binding: CursorBinding,
  invalid: (why: string) => InvalidCursor,
): string {
  const secrets = cursorSecrets(binding);
  const dot = cursor.indexOf('.');
  if (!secrets) {
    if (dot !== -1) throw invalid('it is signed, but no cursorSecret is configured');
    return cursor;
  }
  if (dot === -1) throw invalid('it is not signed');
  const payload = cursor.slice(0, dot);
  const signatureText = cursor.slice(dot + 1);
  const signature = Buffer.from(signatureText, 'base64url');
  // Base64url's last character has spare bits: only the canonical text is the signature.
  if (signature.length !== SIGNATURE_BYTES || signature.toString('base64url') !== signatureText)
    throw invalid('its signature is malformed');
  let verified = false;
  // Every secret is tried (no early exit), each comparison in constant time.
  for (const secret of secrets) {
    verified = timingSafeEqual(mac(secret, payload, binding.context), signature) || verified;
  }
  if (!verified) {
    throw invalid(
      'its signature does not match (altered, forged, for another caller, or signed with a retired key)',
    );
  }
  return payload;
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
  binding: CursorBinding = {},
): Item {
  const where = `${q.model.name}${target.indexName ? ` (index '${target.indexName}')` : ''}`;
  const invalid = (why: string) => new InvalidCursor(`Invalid cursor for ${where}: ${why}`);
  if (
    typeof cursor !== 'string' ||
    cursor.length === 0 ||
    cursor.length > MAX_CURSOR_LENGTH ||
    !/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)?$/.test(cursor)
  ) {
    throw invalid('not a cursor returned by a page of this query');
  }
  const payload = openCursor(cursor, binding, invalid);
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalid('malformed');
  }
  if (
    !isRecord(body) ||
    body['v'] !== VERSION ||
    typeof body['f'] !== 'string' ||
    !isRecord(body['k']) ||
    (body['e'] !== undefined && typeof body['e'] !== 'number')
  ) {
    throw invalid('malformed');
  }
  if (typeof body['e'] === 'number' && Date.now() > body['e']) throw invalid('it has expired');
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
