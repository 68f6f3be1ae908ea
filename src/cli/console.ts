/**
 * `ocean-dynamo console` (and `npm start` in this repository): a Node REPL with the models in
 * scope, on a DynamoDB Local of its own when no endpoint is configured. With stdin
 * not a terminal, the input is run as one script (top-level `await` allowed) and the process
 * exits, so `echo 'await AsyncJob.createTable()' | npm start` works in shell scripts.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONNECTION_HELP, CONNECTION_OPTIONS, parse } from './arguments.js';
import { EXIT_FAILURE, EXIT_OK, oneLine } from './cli-error.js';
import { connect, type Connection } from './connection.js';
import { loadModels, type LoadedModel } from './models.js';
import { startRepl, watchRequests } from './repl-session.js';
import { whenOrphaned } from './parent-watch.js';

export const CONSOLE_HELP = `Usage: ocean-dynamo console [--models <file>] [options]

A Node REPL with top-level await and your models in scope. Without an endpoint (--endpoint or
AWS_ENDPOINT_URL_DYNAMODB) it starts DynamoDB Local in memory for this console and creates the
models' tables there. When stdin is not a terminal, it runs the input as a JavaScript script
and exits: echo 'console.log(await AsyncJob.count())' | ocean-dynamo console --models ./models.js

Options:
  --models <file>         a module exporting model classes (.js, or .ts with tsx installed);
                          repeatable; default in the ocean-dynamo repository: its examples
  --create-tables         create missing tables at start also on a configured endpoint
  --log                   start with request logging on (.log on|off in the REPL)
  -h, --help              show this help

${CONNECTION_HELP}

In the REPL: .tables lists the tables and their item counts; .log on|off shows every request.
History is kept in ~/.ocean_dynamo_history (OCEAN_DYNAMO_HISTORY sets the file, empty: none).

Exit codes: 0 done, 1 failed (a script that throws, DynamoDB unreachable), 2 wrong usage.`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  models: { type: 'string', multiple: true },
  'create-tables': { type: 'boolean' },
  log: { type: 'boolean' },
} as const;

const SIGNAL_NUMBERS: Record<string, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGTERM: 15,
};

/** The repository's example models, when running from its sources (`npm start`). */
const EXAMPLES = import.meta.url.endsWith('.ts')
  ? [fileURLToPath(new URL('../../examples/models/index.ts', import.meta.url))]
  : [];

/** Runs the console; resolves to the exit code when the REPL closes or the script ends. */
export async function runConsole(argv: string[]): Promise<number> {
  const { values } = parse('console', argv, OPTIONS);
  if (values.help) {
    process.stdout.write(`${CONSOLE_HELP}\n`);
    return EXIT_OK;
  }
  const interactive = process.stdin.isTTY === true;
  // Piped output stays clean for the script's own output: notices go to stderr.
  const notices = interactive ? process.stdout : process.stderr;
  const connection = await connect(values, true, interactive ? 3 : 2);
  const stopOnSignal = (signal: NodeJS.Signals) => {
    void connection.close().finally(() => process.exit(128 + (SIGNAL_NUMBERS[signal] ?? 15)));
  };
  process.once('SIGTERM', stopOnSignal);
  process.once('SIGHUP', stopOnSignal);
  if (!interactive) process.once('SIGINT', stopOnSignal);
  const stopWatching = whenOrphaned(() => stopOnSignal('SIGHUP'));
  try {
    notices.write(`ocean-dynamo console on ${connection.describe()}\n`);
    const files = values.models ?? EXAMPLES.filter((file) => existsSync(file));
    const models = await loadModels(files, 'console');
    const stopLog = values.log ? watchRequests(notices) : undefined;
    try {
      if (connection.local || values['create-tables']) await createTables(models, notices);
      const scope = Object.fromEntries(models.map((model) => [model.name, model]));
      if (!interactive) return await runScript(await readAll(process.stdin), scope);
      notices.write(banner(models, connection));
      await startRepl(scope, models);
      return EXIT_OK;
    } finally {
      stopLog?.();
    }
  } finally {
    process.off('SIGTERM', stopOnSignal);
    process.off('SIGHUP', stopOnSignal);
    process.off('SIGINT', stopOnSignal);
    stopWatching();
    await connection.close();
  }
}

async function createTables(
  models: readonly LoadedModel[],
  out: NodeJS.WritableStream,
): Promise<void> {
  if (models.length === 0) return;
  await Promise.all(models.map((model) => model.createTable()));
  out.write(`Tables ready: ${models.map((model) => model.tableFullName).join(', ')}\n`);
}

function banner(models: readonly LoadedModel[], connection: Connection): string {
  const names = models.map((model) => model.name);
  const lines = tryLines(names);
  return [
    names.length > 0
      ? `Models: ${names.join(', ')}`
      : 'No models loaded: start with --models <file>.',
    connection.local
      ? 'DynamoDB Local runs only while this console does; its tables are in memory.'
      : '',
    'Try:',
    ...lines.map((line) => `  ${line}`),
    'Type .help for the REPL commands, .exit to leave.',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}

function tryLines(names: readonly string[]): string[] {
  if (names.includes('Forum') && names.includes('Topic')) {
    return [
      "const forum = await Forum.create({ name: 'General' })",
      "await forum.topics.create({ title: 'Hello' })",
      '.tables',
    ];
  }
  if (names.includes('AsyncJob')) {
    return [
      "const job = await AsyncJob.create({ name: ' import ' })",
      'await AsyncJob.find(job.guid)',
      '.tables',
    ];
  }
  const first = names[0];
  if (first) return [`const record = await ${first}.create({})`, `${first}.fields`, '.tables'];
  return ['.tables', '.log on', '.help'];
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) text += chunk as string;
  return text;
}

type AsyncFunctionConstructor = new (
  ...parameters: string[]
) => (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = (async () => {}).constructor as AsyncFunctionConstructor;

/**
 * Runs piped input as the body of an async function whose parameters are the models, so
 * top-level `await` works and `const` declarations stay local to the script.
 */
export async function runScript(code: string, scope: Record<string, unknown>): Promise<number> {
  const names = Object.keys(scope);
  try {
    const script = new AsyncFunction(...names, code);
    await script(...names.map((name) => scope[name]));
    return EXIT_OK;
  } catch (error) {
    process.stderr.write(`ocean-dynamo: script failed: ${oneLine(error)}\n`);
    return EXIT_FAILURE;
  }
}
