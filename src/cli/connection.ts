/**
 * Decides where the command line sends its requests and configures the library for it: the
 * `--endpoint` option, else `AWS_ENDPOINT_URL_DYNAMODB`, else AWS itself; or, for the console
 * when nothing is configured, a DynamoDB Local started for this run.
 */
import { configure } from '../configuration.js';
import { assertEndpointUrl } from './arguments.js';
import { startDynamoLocal, type DynamoLocal } from '../testing/index.js';

export interface ConnectionOptions {
  endpoint?: string | undefined;
  region?: string | undefined;
  'table-prefix'?: string | undefined;
}

export interface Connection {
  /** The endpoint in use, or undefined for AWS's own endpoints. */
  readonly endpoint: string | undefined;
  readonly region: string | undefined;
  /** Set when this process started DynamoDB Local itself. */
  readonly local: DynamoLocal | undefined;
  /** One line saying where requests go, for banners and error messages. */
  describe(): string;
  /** Stops the DynamoDB Local this process started, if any. */
  close(): Promise<void>;
}

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * Configures the library for the command line. With `startLocal`, a missing endpoint starts
 * DynamoDB Local in memory; otherwise requests go to AWS in the configured region.
 * `maxAttempts` stays low so that an unreachable endpoint fails in seconds, not minutes.
 */
export async function connect(
  options: ConnectionOptions,
  startLocal: boolean,
  maxAttempts = 2,
  command = startLocal ? 'console' : 'tables',
): Promise<Connection> {
  const tableNamePrefix = options['table-prefix'];
  const configured = options.endpoint ?? nonEmpty(process.env.AWS_ENDPOINT_URL_DYNAMODB);
  if (configured !== undefined) {
    const source = options.endpoint !== undefined ? '--endpoint' : 'AWS_ENDPOINT_URL_DYNAMODB';
    assertEndpointUrl(command, configured, source);
  }
  if (configured === undefined && startLocal) {
    const local = await startDynamoLocal();
    const region = 'us-east-1';
    configure({
      endpoint: local.endpoint,
      region,
      credentials: LOCAL_CREDENTIALS,
      maxAttempts,
      ...prefix(tableNamePrefix),
    });
    return {
      endpoint: local.endpoint,
      region,
      local,
      describe: () =>
        `DynamoDB Local at ${local.endpoint} (started for this console, in memory; stopped on exit)`,
      close: () => local.stop(),
    };
  }
  const region =
    options.region ??
    nonEmpty(process.env.AWS_REGION) ??
    nonEmpty(process.env.AWS_DEFAULT_REGION) ??
    (configured ? 'us-east-1' : undefined);
  // A local endpoint ignores signatures, but the SDK still wants credentials to sign with.
  const credentials =
    configured && isLoopback(configured) && !process.env.AWS_ACCESS_KEY_ID
      ? LOCAL_CREDENTIALS
      : undefined;
  configure({
    ...(configured ? { endpoint: configured } : {}),
    ...(region ? { region } : {}),
    ...(credentials ? { credentials } : {}),
    maxAttempts,
    ...prefix(tableNamePrefix),
  });
  return {
    endpoint: configured,
    region,
    local: undefined,
    describe: () =>
      `${configured ? `DynamoDB at ${configured}` : 'AWS DynamoDB'} (region ${region ?? 'from the AWS config'})`,
    close: async () => {},
  };
}

function prefix(tableNamePrefix: string | undefined): { tableNamePrefix?: string } {
  return tableNamePrefix ? { tableNamePrefix } : {};
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function isLoopback(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname;
    return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
  } catch {
    return false;
  }
}
