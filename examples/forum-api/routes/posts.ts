/**
 * /forums/:forumId/topics/:topicId/posts. A post's hash key is its topic's composite key,
 * `"<forumId>:<topicId>"`, so one post is one GetItem and a topic's posts one key query.
 */
import type { FastifyInstance } from 'fastify';
import { Post, Topic } from '../../models/forum.js';
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

const FIELDS = ['body', 'author'] as const;
type TopicParams = { Params: { forumId: string; topicId: string } };
type PostParams = { Params: { forumId: string; topicId: string; postId: string } };
type PageQuery = { Querystring: { limit?: string; after?: string } };

function findPost(params: PostParams['Params']): Promise<Post> {
  return Post.find(`${params.forumId}:${params.topicId}`, params.postId);
}

export async function postRoutes(app: FastifyInstance): Promise<void> {
  app.get<TopicParams & PageQuery>(
    '/forums/:forumId/topics/:topicId/posts',
    async (request, reply) => {
      const { forumId, topicId } = request.params;
      const topic = await Topic.find(forumId, topicId);
      const limit = pageSize(request.query.limit);
      const page = await topic.posts.page({ limit, after: request.query.after ?? null });
      return {
        posts: page.items.map((post) => post.toJSON()),
        next: nextLink(reply, `/forums/${forumId}/topics/${topicId}/posts`, limit, page.next),
      };
    },
  );

  app.post<TopicParams>('/forums/:forumId/topics/:topicId/posts', async (request, reply) => {
    const { forumId, topicId } = request.params;
    const fields = permit(request.body, FIELDS);
    const topic = await Topic.find(forumId, topicId);
    const post = topic.posts.build(fields);
    if (!(await saveOr422(post, reply))) return reply;
    return sendRecord(
      reply.header('Location', `/forums/${forumId}/topics/${topicId}/posts/${post.guid}`),
      post,
      201,
    );
  });

  app.get<PostParams>('/forums/:forumId/topics/:topicId/posts/:postId', async (request, reply) => {
    return sendRecordUnlessCurrent(request, reply, await findPost(request.params));
  });

  app.patch<PostParams>(
    '/forums/:forumId/topics/:topicId/posts/:postId',
    async (request, reply) => {
      const fields = permit(request.body, FIELDS);
      const post = await findPost(request.params);
      requireIfMatch(request, post);
      return patchRecord(post, fields, reply);
    },
  );

  app.delete<PostParams>(
    '/forums/:forumId/topics/:topicId/posts/:postId',
    async (request, reply) => {
      const post = await findPost(request.params);
      requireIfMatch(request, post);
      await post.destroyOrThrow();
      return reply.code(204).send();
    },
  );
}
