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
import { InvalidArgument } from './errors.js';

/**
 * Milliseconds one attempt may take when `requestTimeout` is not configured: far above any
 * healthy DynamoDB answer (single-digit milliseconds; a 1 MB page well under a second), so
 * only a hung connection reaches it.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** The shortest `cursorSecret` accepted: a guessable secret would make signing pointless. */
const MINIMUM_SECRET_LENGTH = 32;

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
   * Milliseconds one attempt (connection, request and response) may take before it fails with
   * `ConnectionNotEstablished`, so a hung endpoint fails in bounded time instead of never.
   * Default {@link DEFAULT_REQUEST_TIMEOUT_MS} (10 s); `0` waits for ever (the SDK's own default).
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
  /**
   * Signs every page cursor (HMAC-SHA256), so a client of a paginated API cannot forge or
   * alter one. Several secrets rotate keys: the first signs, all verify. Each at least 32
   * characters (use random bytes, e.g. `randomBytes(32).toString('base64url')`). Without it,
   * cursors are unsigned: fine for trusted callers only.
   */
  cursorSecret?: string | readonly string[];
  /** Milliseconds a signed cursor stays valid (default: no expiry); needs `cursorSecret`. */
  cursorExpiresIn?: number;
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
  assertOptions(options);
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
    const timeout = requestTimeout ?? DEFAULT_REQUEST_TIMEOUT_MS;
    // The SDK builds its Node HTTP handler from these options: no dependency of our own.
    config.requestHandler = {
      // Without throwOnRequestTimeout the handler only logs a warning and waits on.
      ...(timeout > 0 ? { requestTimeout: timeout, throwOnRequestTimeout: true } : {}),
      ...(connectionTimeout !== undefined ? { connectionTimeout } : {}),
    };
    configuration.client = new DynamoDBClient(config);
  }
  return configuration.client;
}

/** Refuses options that would fail later, or silently do nothing, naming the option. */
function assertOptions(options: ConfigureOptions): void {
  const wholeNumber = (
    name: 'requestTimeout' | 'connectionTimeout' | 'cursorExpiresIn',
    min: number,
  ) => {
    const value = options[name];
    if (value !== undefined && (!Number.isSafeInteger(value) || value < min)) {
      throw new InvalidArgument(
        `configure: ${name} must be a whole number of milliseconds, at least ${min} (got ${String(value)})`,
        name,
      );
    }
  };
  wholeNumber('requestTimeout', 0);
  wholeNumber('connectionTimeout', 0);
  wholeNumber('cursorExpiresIn', 1);
  const { maxAttempts, cursorSecret } = options;
  if (maxAttempts !== undefined && (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1)) {
    throw new InvalidArgument(
      `configure: maxAttempts must be a positive integer (got ${String(maxAttempts)})`,
      'maxAttempts',
    );
  }
  if (cursorSecret !== undefined) {
    const secrets: unknown[] = Array.isArray(cursorSecret) ? cursorSecret : [cursorSecret];
    const weak = secrets.some((s) => typeof s !== 'string' || s.length < MINIMUM_SECRET_LENGTH);
    if (secrets.length === 0 || weak) {
      throw new InvalidArgument(
        `configure: cursorSecret must be a string, or a non-empty array of strings, each at least ${MINIMUM_SECRET_LENGTH} characters`,
        'cursorSecret',
      );
    }
  } else if (options.cursorExpiresIn !== undefined) {
    throw new InvalidArgument(
      'configure: cursorExpiresIn needs cursorSecret (an unsigned expiry could be edited away)',
      'cursorExpiresIn',
    );
  }
}
