/**
 * Option parsing for every command, on `node:util` parseArgs: strict, so a misspelt option is
 * a usage error rather than silently ignored.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command that talks to DynamoDB understands. */
export const CONNECTION_OPTIONS = {
  endpoint: { type: 'string' },
  region: { type: 'string' },
  'table-prefix': { type: 'string' },
} as const satisfies Options;

export const CONNECTION_HELP = `Connection:
  --endpoint <url>        DynamoDB endpoint (default: AWS_ENDPOINT_URL_DYNAMODB, else AWS)
  --region <name>         AWS region (default: AWS_REGION; us-east-1 for a local endpoint)
  --table-prefix <text>   prefix for every table name, as configure({ tableNamePrefix })`;

/** What {@link parse} returns: each option's value by its declared type, plus `help`. */
export interface Parsed<O extends Options> {
  values: {
    [K in keyof O]?: O[K] extends { type: 'boolean' }
      ? boolean
      : O[K] extends { multiple: true }
        ? string[]
        : string;
  } & { help?: boolean };
  positionals: string[];
}

/** Parses `argv` for `command`; turns parseArgs' errors into a UsageError naming the command. */
export function parse<const O extends Options>(
  command: string,
  argv: string[],
  options: O,
  allowPositionals = false,
): Parsed<O> {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals,
    }) as Parsed<O>;
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? String(error);
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/, ''), command);
  }
}

/** A whole-number option up to `max`, or undefined when absent. */
export function integerOption(
  command: string,
  name: string,
  value: string | undefined,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new UsageError(`--${name} must be a whole number, not '${value}'`, command);
  const number = Number(value);
  if (number > max)
    throw new UsageError(
      `--${name} must be a whole number from 0 to ${max}, not ${value}`,
      command,
    );
  return number;
}

/** An endpoint must be an http(s) URL: anything else is wrong usage, not an unreachable host. */
export function assertEndpointUrl(command: string, endpoint: string, source: string): void {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(
      `${source} is not a URL: '${endpoint}' (expected e.g. http://localhost:8000)`,
      command,
    );
  }
}
