/**
 * Runs the forum service: `npm run example:forum-api` (PORT, default 3000). Without
 * AWS_ENDPOINT_URL_DYNAMODB it starts DynamoDB Local in memory for as long as it runs.
 * SIGINT, SIGTERM and SIGHUP close the server and stop that DynamoDB Local; so does the
 * death of the process that started this one (its parent PID changes).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { configure } = await import('../../src/index.js');
const { startDynamoLocal } = await import('../../src/testing/index.js');
const { Forum, Post, Topic } = await import('../models/forum.js');
const { buildApp } = await import('./app.js');

const local = process.env.AWS_ENDPOINT_URL_DYNAMODB ? undefined : await startDynamoLocal();
if (local) configure({ endpoint: local.endpoint, region: 'us-east-1' });
await Promise.all([Forum.createTable(), Topic.createTable(), Post.createTable()]);

const app = buildApp({ logger: true });
const address = await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
app.log.info(
  `forum service on ${address}, DynamoDB at ${local?.endpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB}`,
);

let stopping = false;
function shutdown(reason: string): void {
  if (stopping) return;
  stopping = true;
  app.log.info(`${reason}: closing`);
  void app
    .close()
    .then(() => local?.stop())
    .finally(() => process.exit(0));
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => shutdown(signal));
}
// When whoever started this process dies without a signal reaching us, stop as well.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) shutdown('parent process gone');
}, 1_000).unref();
