/** /forums/:forumId/topics: a key query on the forum's id, a page at a time. */
import type { FastifyInstance } from 'fastify';
import { Forum, Topic } from '../../models/forum.js';
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

const FIELDS = ['title'] as const;
type ForumParams = { Params: { forumId: string } };
type TopicParams = { Params: { forumId: string; topicId: string } };
type PageQuery = { Querystring: { limit?: string; after?: string } };

export async function topicRoutes(app: FastifyInstance): Promise<void> {
  app.get<ForumParams & PageQuery>('/forums/:forumId/topics', async (request, reply) => {
    const forum = await Forum.find(request.params.forumId);
    const limit = pageSize(request.query.limit);
    const page = await forum.topics.page({ limit, after: request.query.after ?? null });
    return {
      topics: page.items.map((topic) => topic.toJSON()),
      next: nextLink(reply, `/forums/${forum.id}/topics`, limit, page.next),
    };
  });

  app.post<ForumParams>('/forums/:forumId/topics', async (request, reply) => {
    const fields = permit(request.body, FIELDS);
    const forum = await Forum.find(request.params.forumId);
    const topic = forum.topics.build(fields);
    if (!(await saveOr422(topic, reply))) return reply;
    return sendRecord(
      reply.header('Location', `/forums/${forum.id}/topics/${topic.guid}`),
      topic,
      201,
    );
  });

  app.get<TopicParams>('/forums/:forumId/topics/:topicId', async (request, reply) => {
    const topic = await Topic.find(request.params.forumId, request.params.topicId);
    return sendRecordUnlessCurrent(request, reply, topic);
  });

  app.patch<TopicParams>('/forums/:forumId/topics/:topicId', async (request, reply) => {
    const fields = permit(request.body, FIELDS);
    const topic = await Topic.find(request.params.forumId, request.params.topicId);
    requireIfMatch(request, topic);
    return patchRecord(topic, fields, reply);
  });

  app.delete<TopicParams>('/forums/:forumId/topics/:topicId', async (request, reply) => {
    const topic = await Topic.find(request.params.forumId, request.params.topicId);
    requireIfMatch(request, topic);
    await topic.destroyOrThrow();
    return reply.code(204).send();
  });
}
