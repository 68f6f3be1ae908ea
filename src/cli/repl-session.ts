/**
 * The interactive side of the console: REPL options, history, `.tables` and `.log`.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import repl, { type REPLServer } from 'node:repl';
import { inspect } from 'node:util';
import { onRequest, type RequestEvent } from '../connection/instrumentation.js';
import { Table } from '../table.js';
import { oneLine } from './cli-error.js';
import { formatColumns, tableRows } from './tables.js';
import type { LoadedModel } from './models.js';

/** Where the REPL reads and writes: the terminal by default. */
export interface ReplStreams {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  terminal?: boolean;
  /** Called with the server once it runs (to drive it from a test). */
  onStart?: (server: REPLServer) => void;
}

/** Starts the REPL with `scope` as globals; resolves when it exits. */
export async function startRepl(
  scope: Record<string, unknown>,
  models: readonly LoadedModel[],
  streams: ReplStreams = {},
): Promise<void> {
  const { onStart, ...io } = streams;
  // Node prints "Uncaught:" and a line break before an error line longer than the default
  // writer's breakLength; the console's error lines are one line, however long.
  (repl.writer as { options: { breakLength?: number } }).options.breakLength = Infinity;
  const server = repl.start({
    ...io,
    prompt: 'ocean-dynamo> ',
    useGlobal: true,
    ignoreUndefined: true,
    breakEvalOnSigint: true,
    writer: show,
  });
  // On globalThis (useGlobal), so tab completion offers the model names like any global.
  Object.assign(server.context, scope);
  defineCommands(server, models);
  defineStackCommand(server);
  const exited = new Promise<void>((resolve) => server.once('exit', resolve));
  await setupHistory(server);
  onStart?.(server);
  await exited;
}

function defineCommands(server: REPLServer, models: readonly LoadedModel[]): void {
  let stopLog: (() => void) | undefined;
  server.defineCommand('tables', {
    help: 'List the tables with their status and item counts',
    action() {
      server.clearBufferedCommand();
      tableRows(models)
        .then((rows) => server.output.write(`${formatColumns(rows)}\n`))
        .catch((error: unknown) => server.output.write(`${oneLine(error)}\n`))
        .finally(() => server.displayPrompt());
    },
  });
  server.defineCommand('log', {
    help: 'Show every DynamoDB request: .log on | .log off',
    action(argument: string) {
      server.clearBufferedCommand();
      const wanted = argument.trim() || (stopLog ? 'off' : 'on');
      if (wanted === 'on') {
        stopLog ??= watchRequests(server.output);
      } else if (wanted === 'off') {
        stopLog?.();
        stopLog = undefined;
      } else {
        server.output.write('Usage: .log on | .log off\n');
      }
      server.output.write(`Request log ${stopLog ? 'on' : 'off'}.\n`);
      server.displayPrompt();
    },
  });
}

async function setupHistory(server: REPLServer): Promise<void> {
  const file = process.env.OCEAN_DYNAMO_HISTORY ?? join(homedir(), '.ocean_dynamo_history');
  if (file === '') return;
  await new Promise<void>((resolve) => {
    // A history file that cannot be written only costs the history.
    server.setupHistory(file, () => resolve());
  });
}

/** Writes one line per DynamoDB request to `out`; returns the function that stops it. */
export function watchRequests(out: NodeJS.WritableStream): () => void {
  return onRequest((event) => out.write(`${describeRequest(event)}\n`));
}

/** `  PutItem async_jobs (AsyncJob) 3.1 ms, 1 WCU` and the error name when it failed. */
export function describeRequest(event: RequestEvent): string {
  const capacity = [event.consumedCapacity ?? []]
    .flat()
    .reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
  return [
    `  ${event.operation}`,
    event.table ?? '',
    event.model ? `(${event.model})` : '',
    `${event.durationMs.toFixed(1)} ms`,
    capacity > 0 ? `${capacity} CU` : '',
    event.retries > 0 ? `${event.retries} retries` : '',
    event.error ? `failed: ${event.error}` : '',
  ]
    .filter((part) => part !== '')
    .join(' ');
}

/** Shows records as `AsyncJob { guid: …, … }` rather than their internal state. */
function present(value: unknown): unknown {
  if (value instanceof Table)
    return Object.assign(new (displayClass(value.constructor.name))(), value.attributes);
  if (Array.isArray(value) && value.some((item) => item instanceof Table))
    return value.map(present);
  return value;
}

const displayClasses = new Map<string, new () => object>();

/** An empty class named like the model, so that inspect prints `AsyncJob { … }`. */
function displayClass(name: string): new () => object {
  let shown = displayClasses.get(name);
  if (!shown) {
    shown = { [name]: class {} }[name] as new () => object;
    displayClasses.set(name, shown);
  }
  return shown;
}

/** The last error the prompt showed, for `.stack`. */
let lastError: unknown;

/**
 * How the prompt shows a value. An error (thrown, or the value of an expression) is one line,
 * its name and message, not Node's inspection of it with its cause and the SDK's `$metadata`:
 * `.stack` prints the last one in full.
 */
function show(value: unknown): string {
  if (value instanceof Error) {
    lastError = value;
    return `${oneLine(value)}  (.stack shows where)`;
  }
  return inspect(present(value), { colors: process.stdout.hasColors?.() ?? false, depth: 4 });
}

function defineStackCommand(server: REPLServer): void {
  server.defineCommand('stack', {
    help: 'Show the last error in full, with its stack and cause',
    action() {
      server.clearBufferedCommand();
      server.output.write(
        lastError === undefined ? 'No error yet.\n' : `${inspect(lastError, { depth: 4 })}\n`,
      );
      server.displayPrompt();
    },
  });
}
