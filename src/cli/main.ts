#!/usr/bin/env node
/**
 * The `ocean-dynamo` command: `console`, `local` and `tables`. Every failure is reported as
 * one line on stderr; exit codes are 0 (ok), 1 (failure) and 2 (wrong usage).
 */
import { readFileSync } from 'node:fs';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, oneLine } from './cli-error.js';

export const MAIN_HELP = `Usage: ocean-dynamo <command> [options]

Commands:
  console     a REPL with your models in scope (starts DynamoDB Local if no endpoint is set)
  local       run DynamoDB Local in the foreground until Ctrl+C
  tables      list, create, delete, describe, plan or apply the tables of your models
  import      load rows from PostgreSQL, MySQL, SQLite, NDJSON or CSV into a model

Run 'ocean-dynamo <command> --help' for a command's options.
Environment: AWS_ENDPOINT_URL_DYNAMODB, AWS_REGION and the AWS credentials chain.
Exit codes: 0 ok, 1 failure, 2 wrong usage.`;

// The SDK's notice about future Node versions is noise in a command's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  console: async () => (await import('./console.js')).runConsole,
  local: async () => (await import('./local.js')).runLocal,
  tables: async () => (await import('./tables.js')).runTables,
  import: async () => (await import('./import/import-command.js')).runImport,
};

/** Runs the command line; resolves to the exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) {
      process.stderr.write(`${MAIN_HELP}\n`);
      return EXIT_USAGE;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      process.stdout.write(`${MAIN_HELP}\n`);
      return EXIT_OK;
    }
    if (name === '--version' || name === '-v') {
      process.stdout.write(`${version()}\n`);
      return EXIT_OK;
    }
    const load = COMMANDS[name];
    if (!load) throw new UsageError(`unknown command '${name}'`);
    return await (
      await load()
    )(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      const help = `ocean-dynamo ${error.command.split(' ')[0] ?? ''}`.trim();
      process.stderr.write(`ocean-dynamo: ${error.message} (see '${help} --help')\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`ocean-dynamo: ${oneLine(error)}${await whereTo(error)}\n`);
    if (process.env.OCEAN_DYNAMO_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return EXIT_FAILURE;
  }
}

/** For an unreachable DynamoDB, which endpoint was tried. */
async function whereTo(error: unknown): Promise<string> {
  if ((error as Error | undefined)?.name !== 'ConnectionNotEstablished') return '';
  const { currentConfiguration } = await import('../configuration.js');
  return ` (endpoint: ${currentConfiguration().endpoint ?? 'AWS'})`;
}

function version(): string {
  const file = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

// Exit explicitly: idle keep-alive sockets of the DynamoDB client must not hold the process.
process.exit(await main(process.argv.slice(2)));
