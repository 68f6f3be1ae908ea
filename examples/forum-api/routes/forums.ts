/** /forums: the top of the tree. Listing forums scans (they are few); nothing below does. */
import type { FastifyInstance } from 'fastify';
import { Forum } from '../../models/forum.js';
import { honourIfMatch, permit, saveOr422, sendRecord } from '../http.js';

const FIELDS = ['name', 'description'] as const;
type ForumParams = { Params: { forumId: string } };

export async function forumRoutes(app: FastifyInstance): Promise<void> {
  app.get('/forums', async () => {
    const forums = await Forum.all();
    forums.sort((a, b) => a.name.localeCompare(b.name));
    return { forums: forums.map((forum) => forum.toJSON()) };
  });

  app.post('/forums', async (request, reply) => {
    const forum = new Forum(permit(request.body, FIELDS));
    if (!(await saveOr422(forum, reply))) return reply;
    return sendRecord(reply.header('Location', `/forums/${forum.id}`), forum, 201);
  });

  app.get<ForumParams>('/forums/:forumId', async (request, reply) => {
    return sendRecord(reply, await Forum.find(request.params.forumId));
  });

  app.patch<ForumParams>('/forums/:forumId', async (request, reply) => {
    const forum = await Forum.find(request.params.forumId);
    honourIfMatch(request, forum);
    forum.assignAttributes(permit(request.body, FIELDS));
    if (!(await saveOr422(forum, reply))) return reply;
    return sendRecord(reply, forum);
  });

  app.delete<ForumParams>('/forums/:forumId', async (request, reply) => {
    const forum = await Forum.find(request.params.forumId);
    honourIfMatch(request, forum);
    await forum.destroyOrThrow();
    return reply.code(204).send();
  });
}
