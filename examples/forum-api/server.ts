/**
 * Runs the forum service: `npm run example:forum-api` (PORT, default 3000). Without
 * AWS_ENDPOINT_URL_DYNAMODB it starts DynamoDB Local in memory for as long as it runs.
 */
import { configure } from '../../src/index.js';
import { startDynamoLocal } from '../../src/testing/index.js';
import { Forum, Post, Topic } from '../models/forum.js';
import { buildApp } from './app.js';

const local = process.env.AWS_ENDPOINT_URL_DYNAMODB ? undefined : await startDynamoLocal();
if (local) {
  configure({
    endpoint: local.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}
await Promise.all([Forum.createTable(), Topic.createTable(), Post.createTable()]);

const app = buildApp({ logger: true });
const address = await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
app.log.info(
  `forum service on ${address}, DynamoDB at ${local?.endpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB}`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app
      .close()
      .then(() => local?.stop())
      .then(() => process.exit(0));
  });
}
