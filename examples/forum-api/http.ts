/**
 * How the service speaks HTTP about records: bodies must be JSON objects whose known fields
 * have the right JSON type; ETags carry the optimistic-lock version and `If-Match` is required
 * to change or delete (compared strongly, so a weak ETag never matches); and every error,
 * the library's and the framework's, is answered as RFC 9457 problem details.
 */
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AttributeAssignmentError,
  InvalidArgument,
  InvalidCursor,
  ItemTooLarge,
  RecordInvalid,
  RecordNotFound,
  StaleObjectError,
  Table,
  UnknownAttributeError,
} from '../../src/index.js';

/** A record with the default lock attribute. */
type Versioned = Table & { lockVersion: number | null };

/** An answer other than success, with its status and what the client can do about it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Sends RFC 9457 problem details: `{ type, title, status, detail, ...extra }`. */
export function sendProblem(
  reply: FastifyReply,
  status: number,
  detail: string,
  extra: Record<string, unknown> = {},
): FastifyReply {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: 'about:blank',
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail,
      ...extra,
    });
}

/** `"3"` for lockVersion 3: a strong ETag, since the version changes with every write. */
export function etagOf(record: Versioned): string {
  return `"${record.lockVersion ?? 0}"`;
}

/** Sends a record with its ETag. */
export function sendRecord(reply: FastifyReply, record: Versioned, status = 200): FastifyReply {
  return reply.code(status).header('ETag', etagOf(record)).send(record.toJSON());
}

/** GET of one record: 304 when `If-None-Match` names its current ETag (weakly, as HTTP says). */
export function sendRecordUnlessCurrent(
  request: FastifyRequest,
  reply: FastifyReply,
  record: Versioned,
): FastifyReply {
  const header = request.headers['if-none-match'];
  if (header !== undefined) {
    const tags = header.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    if (tags.includes('*') || tags.includes(etagOf(record)))
      return reply.code(304).header('ETag', etagOf(record)).send();
  }
  return sendRecord(reply, record);
}

/**
 * `If-Match` is required to change or delete a record: missing → 428; it must name the
 * record's current ETag, compared strongly (RFC 9110 §13.1.1: a weak ETag never matches)
 * → else 412. The save then makes DynamoDB check that version too, so a change that lands
 * between the read and the write is also 412.
 */
export function requireIfMatch(request: FastifyRequest, record: Versioned): void {
  const header = request.headers['if-match'];
  if (header === undefined || header.trim() === '') {
    throw new HttpError(
      428,
      'If-Match is required: send the ETag of the version you read, e.g. If-Match: "3"',
    );
  }
  if (header.trim() === '*') return;
  const tags = header.split(',').map((tag) => tag.trim());
  const malformed = tags.find((tag) => !/^(?:W\/)?"[^"]*"$/.test(tag));
  if (malformed !== undefined)
    throw new HttpError(400, `If-Match must list quoted ETags, like "3" (got ${malformed})`);
  if (!tags.some((tag) => tag === etagOf(record))) {
    const weak = tags.every((tag) => tag.startsWith('W/'));
    throw new HttpError(
      412,
      weak
        ? 'If-Match compares strongly: a weak ETag (W/"…") never matches; send the ETag as received'
        : `The record changed since you read it (its ETag is now ${etagOf(record)}): fetch it again`,
    );
  }
}

/**
 * The body as the fields a route accepts, as Rails' strong parameters: the body must be a
 * JSON object (400 otherwise); a known field must be a string (422 under its name
 * otherwise); unknown fields are ignored. Lengths are the models' validations.
 */
export function permit<K extends string>(
  body: unknown,
  fields: readonly K[],
): Partial<Record<K, string>> {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new HttpError(400, 'The request body must be a JSON object');
  const source = body as Record<string, unknown>;
  const permitted: Partial<Record<K, string>> = {};
  const errors: Record<string, string[]> = {};
  for (const field of fields) {
    if (!Object.hasOwn(source, field)) continue;
    const value = source[field];
    if (typeof value === 'string') permitted[field] = value;
    else errors[field] = [`must be a string (got ${value === null ? 'null' : typeof value})`];
  }
  if (Object.keys(errors).length > 0)
    throw new HttpError(422, 'The request body has fields of the wrong type', {}, { errors });
  return permitted;
}

/** Saves, or replies 422 with the record's `errors`; resolves to whether it saved. */
export async function saveOr422(record: Table, reply: FastifyReply): Promise<boolean> {
  if (await record.save()) return true;
  await sendProblem(reply, 422, 'The record is invalid', { errors: record.errors.toJSON() });
  return false;
}

/**
 * PATCH: assigns the permitted fields and saves only when something changed, so a body
 * with no known field (or the same values) writes nothing and keeps the ETag.
 */
export async function patchRecord(
  record: Versioned,
  fields: Record<string, string>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  record.assignAttributes(fields as never);
  if (record.isChanged() && !(await saveOr422(record, reply))) return reply;
  return sendRecord(reply, record);
}

/** The error handler: each error as the status a client can act upon, as problem details. */
export async function replyToError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  if (error instanceof HttpError) {
    for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
    return void (await sendProblem(reply, error.status, error.message, error.extra));
  }
  if (error instanceof RecordNotFound)
    return void (await sendProblem(reply, 404, 'No such record'));
  if (error instanceof StaleObjectError) {
    return void (await sendProblem(
      reply,
      412,
      'The record changed since you read it: fetch it again',
    ));
  }
  if (error instanceof ItemTooLarge) {
    return void (await sendProblem(
      reply,
      413,
      `The record would be ${error.size} bytes, over the limit of ${error.limit}`,
    ));
  }
  if (error instanceof RecordInvalid && error.record) {
    const errors = (error.record as Table).errors.toJSON();
    return void (await sendProblem(reply, 422, 'The record is invalid', { errors }));
  }
  if (error instanceof AttributeAssignmentError || error instanceof UnknownAttributeError) {
    return void (await sendProblem(reply, 422, error.message));
  }
  if (error instanceof InvalidCursor || error instanceof InvalidArgument) {
    return void (await sendProblem(reply, 400, error.message));
  }
  // Fastify's own: unparseable JSON (400), unsupported media type (415), body too large (413).
  const status = (error as { statusCode?: number }).statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return void (await sendProblem(reply, status, (error as Error).message));
  }
  request.log.error(error);
  await sendProblem(reply, 500, 'Something went wrong on our side');
}

/** `?limit=` as a page size between 1 and 100 (default 20). */
export function pageSize(value: string | undefined): number {
  if (value === undefined) return 20;
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > 100)
    throw new HttpError(400, 'limit must be a whole number from 1 to 100');
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
