/**
 * How the service speaks HTTP about records: ETags carry the optimistic-lock version, an
 * If-Match header is assigned back to the record before it is saved (so a client editing a
 * stale copy gets 409 rather than overwriting someone's change), and the library's errors
 * map to status codes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AttributeAssignmentError,
  InvalidCursor,
  RecordInvalid,
  RecordNotFound,
  StaleObjectError,
  Table,
  UnknownAttributeError,
} from '../../src/index.js';

/** A record with the default lock attribute. */
type Versioned = Table & { lockVersion: number | null };

/** `"3"` for lockVersion 3: a strong ETag, since the version changes with every write. */
export function etagOf(record: Versioned): string {
  return `"${record.lockVersion ?? 0}"`;
}

/** Sends a record with its ETag. */
export function sendRecord(reply: FastifyReply, record: Versioned, status = 200): FastifyReply {
  return reply.code(status).header('ETag', etagOf(record)).send(record.toJSON());
}

/**
 * Applies If-Match: `"3"` (or `W/"3"`, or a bare 3) becomes the record's lock version, which
 * the save then requires DynamoDB to still hold. `*` or no header: the version read is used.
 */
export function honourIfMatch(request: FastifyRequest, record: Versioned): void {
  const header = request.headers['if-match'];
  if (header === undefined || header.trim() === '*') return;
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
  if (!match)
    throw new BadRequest(`If-Match must be an ETag from this service, like "3" (got ${header})`);
  record.lockVersion = Number(match[1]);
}

/** A malformed request: 400. */
export class BadRequest extends Error {}

/**
 * Only these body fields are assigned (the others are ignored), as Rails' strong parameters.
 * Typed as strings; whatever JSON sent is cast by the model on assignment, and a value that
 * does not fit raises AttributeAssignmentError, answered with 422.
 */
export function permit<K extends string>(
  body: unknown,
  fields: readonly K[],
): Partial<Record<K, string>> {
  const source = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const permitted: Partial<Record<K, string>> = {};
  for (const field of fields) if (field in source) permitted[field] = source[field] as string;
  return permitted;
}

/** Saves, or replies 422 with the record's `errors`; resolves to whether it saved. */
export async function saveOr422(record: Table, reply: FastifyReply): Promise<boolean> {
  if (await record.save()) return true;
  await reply.code(422).send({ errors: record.errors.toJSON() });
  return false;
}

/** The error handler: each library error as the status a client can act upon. */
export async function replyToError(
  error: unknown,
  _request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  if (error instanceof RecordNotFound)
    return void (await reply.code(404).send({ error: 'Not Found' }));
  if (error instanceof StaleObjectError) {
    return void (await reply
      .code(409)
      .send({ error: 'Conflict: the record changed since you read it; fetch it again' }));
  }
  if (error instanceof RecordInvalid && error.record) {
    return void (await reply.code(422).send({ errors: (error.record as Table).errors.toJSON() }));
  }
  if (error instanceof AttributeAssignmentError || error instanceof UnknownAttributeError) {
    return void (await reply.code(422).send({ errors: { base: [error.message] } }));
  }
  if (error instanceof InvalidCursor || error instanceof BadRequest) {
    return void (await reply.code(400).send({ error: error.message }));
  }
  const status = (error as { statusCode?: number }).statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return void (await reply.code(status).send({ error: (error as Error).message }));
  }
  _request.log.error(error);
  await reply.code(500).send({ error: 'Internal Server Error' });
}

/** `?limit=` as a page size between 1 and 100 (default 20). */
export function pageSize(value: string | undefined): number {
  if (value === undefined) return 20;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new BadRequest('limit must be a whole number from 1 to 100');
  return limit;
}

/** The URL of the next page, or null; also sent as a `Link: <…>; rel="next"` header. */
export function nextLink(
  reply: FastifyReply,
  path: string,
  limit: number,
  next: string | null,
): string | null {
  if (next === null) return null;
  const url = `${path}?limit=${limit}&after=${encodeURIComponent(next)}`;
  void reply.header('Link', `<${url}>; rel="next"`);
  return url;
}
