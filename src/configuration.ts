/**
 * Global configuration: the DynamoDB client, table name prefix/suffix, logger.
 *
 * ```ts
 * configure({ endpoint: 'http://localhost:8000', region: 'us-east-1', tableNamePrefix: 'dev_' });
 * ```
 * With no `configure`, a client is made on first use from the environment, so `AWS_REGION`,
 * the credentials chain and `AWS_ENDPOINT_URL_DYNAMODB` work unchanged. A loopback endpoint
 * (localhost, 127.0.0.0/8, ::1) needs no credentials: when the chain finds none, placeholders
 * are used, as DynamoDB Local ignores signatures.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import {
  effectiveEndpoint,
  isLoopbackEndpoint,
  loopbackCredentials,
} from './connection/credentials.js';

/** Receives one line per DynamoDB request when configured. */
export interface Logger {
  debug?(message: string, details?: Record<string, unknown>): void;
  info?(message: string, details?: Record<string, unknown>): void;
}

export interface ConfigureOptions {
  /** A ready client; when given, endpoint/region/credentials are ignored. */
  client?: DynamoDBClient;
  endpoint?: string;
  region?: string;
  credentials?: DynamoDBClientConfig['credentials'];
  /** Prepended to every table name (a model's own `tableNamePrefix` wins). */
  tableNamePrefix?: string;
  /** Appended to every table name (a model's own `tableNameSuffix` wins). */
  tableNameSuffix?: string;
  /** How many times the SDK retries throttled or failed requests (default: the SDK's, 3). */
  maxAttempts?: number;
  /**
   * Milliseconds one attempt (request and response) may take before it fails with a timeout,
   * so a hung endpoint fails in bounded time instead of never (default: no limit, as the SDK).
   * Each attempt gets this long: the worst case is about `maxAttempts × (requestTimeout + backoff)`.
   */
  requestTimeout?: number;
  /** Milliseconds to wait for a TCP connection to DynamoDB (default: the SDK's, no limit). */
  connectionTimeout?: number;
  logger?: Logger;
  /**
   * The storage format of every model that declares none: 'native' (default: datetimes in
   * epoch milliseconds, booleans as BOOL) or 'gem' (the Ruby gem's epoch seconds and
   * "true"/"false", for tables shared with a Ruby service). Formats follow this at each read
   * and write; the gem's attribute names (`lock_version`, `created_at`, `updated_at`,
   * `forum_id`) are chosen when a model is declared, so configure before the models load, or
   * declare `storage: 'gem'` in the schema, which also gives those names their types.
   */
  storage?: 'native' | 'gem';
}

interface Configuration {
  options: ConfigureOptions;
  client: DynamoDBClient | undefined;
  /** Bumped on every configure() so per-model caches know to refresh. */
  generation: number;
}

const configuration: Configuration = { options: {}, client: undefined, generation: 0 };

/** Sets the connection and naming options; replaces any earlier configuration. */
export function configure(options: ConfigureOptions = {}): void {
  configuration.options = { ...options };
  configuration.client = options.client;
  configuration.generation += 1;
}

/** The current options (not a copy: do not modify). @internal */
export function currentConfiguration(): Readonly<ConfigureOptions> {
  return configuration.options;
}

/** Changes with every configure(), so caches of table state know when to refresh. @internal */
export function configurationGeneration(): number {
  return configuration.generation;
}

/** The DynamoDB client, made from the options or the environment on first use. */
export function dynamoClient(): DynamoDBClient {
  if (!configuration.client) {
    const { endpoint, region, credentials, maxAttempts, requestTimeout, connectionTimeout } =
      configuration.options;
    const config: DynamoDBClientConfig = {};
    if (endpoint !== undefined) config.endpoint = endpoint;
    if (region !== undefined) config.region = region;
    if (credentials !== undefined) config.credentials = credentials;
    else if (isLoopbackEndpoint(effectiveEndpoint(endpoint)))
      config.credentials = loopbackCredentials();
    if (maxAttempts !== undefined) config.maxAttempts = maxAttempts;
    if (requestTimeout !== undefined || connectionTimeout !== undefined) {
      // The SDK builds its Node HTTP handler from these options: no dependency of our own.
      config.requestHandler = {
        // Without throwOnRequestTimeout the handler only logs a warning and waits on.
        ...(requestTimeout !== undefined ? { requestTimeout, throwOnRequestTimeout: true } : {}),
        ...(connectionTimeout !== undefined ? { connectionTimeout } : {}),
      };
    }
    configuration.client = new DynamoDBClient(config);
  }
  return configuration.client;
}
