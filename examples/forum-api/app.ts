/**
 * The forum service: a Fastify app over the Forum → Topic → Post models.
 *
 * ```ts
 * const app = buildApp();
 * await app.listen({ port: 3000 });
 * ```
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { replyToError, sendProblem } from './http.js';
import { forumRoutes } from './routes/forums.js';
import { postRoutes } from './routes/posts.js';
import { topicRoutes } from './routes/topics.js';

export function buildApp(options: FastifyServerOptions = {}): FastifyInstance {
  // A `__proto__` key in a body is dropped rather than refusing the whole body.
  const app = Fastify({ onProtoPoisoning: 'remove', onConstructorPoisoning: 'remove', ...options });
  // Bodies are JSON only: anything else is 415, never a string assigned to a field.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(replyToError);

  // Every route's path pattern and methods, to tell 405 (with Allow) from 404.
  const routes: { pattern: RegExp; methods: Set<string> }[] = [];
  app.addHook('onRoute', (route) => {
    const pattern = new RegExp(`^${route.url.replace(/:[^/]+/g, '[^/]+')}/?$`);
    let entry = routes.find((r) => r.pattern.source === pattern.source);
    if (!entry) routes.push((entry = { pattern, methods: new Set() }));
    for (const method of [route.method].flat()) entry.methods.add(method);
  });
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = routes.find((route) => route.pattern.test(path))?.methods;
    if (allowed) {
      void reply.header('Allow', [...allowed].sort().join(', '));
      return sendProblem(reply, 405, `${request.method} is not allowed on ${path}`);
    }
    return sendProblem(reply, 404, `No route ${request.method} ${path}`);
  });

  void app.register(forumRoutes);
  void app.register(topicRoutes);
  void app.register(postRoutes);
  return app;
}
