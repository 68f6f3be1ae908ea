/**
 * The forum service: a Fastify app over the Forum → Topic → Post models.
 *
 * ```ts
 * const app = buildApp();
 * await app.listen({ port: 3000 });
 * ```
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { replyToError } from './http.js';
import { forumRoutes } from './routes/forums.js';
import { postRoutes } from './routes/posts.js';
import { topicRoutes } from './routes/topics.js';

export function buildApp(options: FastifyServerOptions = {}): FastifyInstance {
  const app = Fastify(options);
  app.setErrorHandler(replyToError);
  void app.register(forumRoutes);
  void app.register(topicRoutes);
  void app.register(postRoutes);
  return app;
}
