/**
 * /forums: the top of the tree. The listing is a page of the `directory` global index, sorted
 * by name: one Query per page, never a scan of the table.
 */
import type { FastifyInstance } from 'fastify';
import { Forum } from '../../models/forum.js';
import {
  nextLink,
  pageSize,
  patchRecord,
  permit,
  requireIfMatch,
  saveOr422,
  sendRecord,
  sendRecordUnlessCurrent,
} from '../http.js';

const FIELDS = ['name', 'description'] as const;
type ForumParams = { Params: { forumId: string } };
type PageQuery = { Querystring: { limit?: string; after?: string } };

export async function forumRoutes(app: FastifyInstance): Promise<void> {
  app.get<PageQuery>('/forums', async (request, reply) => {
    const limit = pageSize(request.query.limit);
    const page = await Forum.findGlobalPage('directory', Forum.DIRECTORY, {
      limit,
      after: request.query.after ?? null,
    });
    return {
      forums: page.items.map((forum) => forum.toJSON()),
      next: nextLink(reply, '/forums', limit, page.next),
    };
  });

  app.post('/forums', async (request, reply) => {
    const forum = new Forum(permit(request.body, FIELDS));
    if (!(await saveOr422(forum, reply))) return reply;
    return sendRecord(reply.header('Location', `/forums/${forum.id}`), forum, 201);
  });

  app.get<ForumParams>('/forums/:forumId', async (request, reply) => {
    return sendRecordUnlessCurrent(request, reply, await Forum.find(request.params.forumId));
  });

  app.patch<ForumParams>('/forums/:forumId', async (request, reply) => {
    const fields = permit(request.body, FIELDS);
    const forum = await Forum.find(request.params.forumId);
    requireIfMatch(request, forum);
    return patchRecord(forum, fields, reply);
  });

  app.delete<ForumParams>('/forums/:forumId', async (request, reply) => {
    const forum = await Forum.find(request.params.forumId);
    requireIfMatch(request, forum);
    await forum.destroyOrThrow();
    return reply.code(204).send();
  });
}
