import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { startDynamoLocal } from '../../src/testing/index.js';

const run = promisify(execFile);
/** Room for a JVM start (the launcher's own limit is 30 s) plus the test's own work. */
const ONE_START = { timeout: 60_000 };
const TWO_STARTS = { timeout: 90_000 };
const scratch = mkdtempSync(join(tmpdir(), 'dynamo-local-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function clientFor(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

function portOf(endpoint: string): number {
  return Number(new URL(endpoint).port);
}

/** `pid args` lines of DynamoDB Local processes on `port`: Java and its shell guardian. */
async function processesOnPort(port: number): Promise<string[]> {
  const { stdout } = await run('ps', ['-ww', '-eo', 'pid,args']);
  const onPort = new RegExp(`DynamoDBLocal\\.jar.* -port ${port}(\\s|$)`);
  return stdout.split('\n').filter((line) => onPort.test(line));
}

function javaOnly(lines: string[]): string[] {
  return lines.filter((line) => /^\s*\d+ java /.test(line));
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** The Access-Control-Allow-Origin a browser would get for a preflight from `origin`. */
async function preflightAllowOrigin(endpoint: string, origin: string): Promise<string | null> {
  const response = await fetch(endpoint, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization,content-type,x-amz-target',
    },
  });
  return response.headers.get('access-control-allow-origin');
}

describe("the run's DynamoDB Local", () => {
  const endpoint = inject('dynamoEndpoint');

  test('answers ListTables through the AWS SDK on a loopback endpoint', async () => {
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const result = await clientFor(endpoint).send(new ListTablesCommand({}));
    expect(result.TableNames).toBeInstanceOf(Array);
  });

  test('runs with telemetry disabled and CORS limited to an origin no web page has', async () => {
    const [java] = javaOnly(await processesOnPort(portOf(endpoint)));
    expect(java).toMatch(/ -disableTelemetry( |$)/);
    expect(java).toMatch(/ -cors https:\/\/cors\.invalid( |$)/);
  });

  test('gives a web page no CORS permission', async () => {
    for (const origin of ['https://evil.example', 'null']) {
      const allowed = await preflightAllowOrigin(endpoint, origin);
      expect(allowed, origin).not.toBe(origin);
      expect(allowed, origin).not.toBe('*');
    }
    // Control: CORS handling is live and the allow-list is exactly the unreachable origin.
    expect(await preflightAllowOrigin(endpoint, 'https://cors.invalid')).toBe(
      'https://cors.invalid',
    );
  });
});

describe('startDynamoLocal', () => {
  test(
    'starts a second instance on its own free port, and stop() ends its Java',
    ONE_START,
    async () => {
      const local = await startDynamoLocal();
      try {
        expect(local.port).not.toBe(portOf(inject('dynamoEndpoint')));
        expect(local.endpoint).toBe(`http://127.0.0.1:${local.port}`);
        await clientFor(local.endpoint).send(new ListTablesCommand({}));
        expect(javaOnly(await processesOnPort(local.port))).toHaveLength(1);
      } finally {
        await local.stop();
      }
      // stop() resolves only once Java has exited.
      expect(javaOnly(await processesOnPort(local.port))).toEqual([]);
      await expect(fetch(local.endpoint)).rejects.toThrow();
      expect(
        await eventually(async () => (await processesOnPort(local.port)).length === 0, 2_000),
      ).toBe(true);
      await local.stop(); // a second stop is harmless
    },
  );

  test('refuses a port in use rather than taking the other server for its own', async () => {
    const port = portOf(inject('dynamoEndpoint'));
    await expect(startDynamoLocal({ port })).rejects.toThrow(`port ${port} is already in use`);
  });

  test('keeps tables in dbPath across restarts', TWO_STARTS, async () => {
    const dbPath = join(scratch, 'db');
    const first = await startDynamoLocal({ dbPath });
    try {
      await clientFor(first.endpoint).send(
        new CreateTableCommand({
          TableName: 'kept',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    } finally {
      await first.stop();
    }
    const second = await startDynamoLocal({ dbPath });
    try {
      const { TableNames } = await clientFor(second.endpoint).send(new ListTablesCommand({}));
      expect(TableNames).toEqual(['kept']);
    } finally {
      await second.stop();
    }
  });

  test(
    'leaves no Java behind when the Node process that started it is SIGKILLed',
    ONE_START,
    async () => {
      const fixture = fileURLToPath(
        new URL('../support/fixtures/hold-dynamo-local.ts', import.meta.url),
      );
      const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      try {
        const port = await new Promise<number>((resolve, reject) => {
          let text = '';
          child.stdout.setEncoding('utf8');
          child.stdout.on('data', (chunk: string) => {
            text += chunk;
            if (text.includes('\n')) resolve((JSON.parse(text) as { port: number }).port);
          });
          child.once('exit', (code) => reject(new Error(`fixture exited with ${code}`)));
        });
        expect(javaOnly(await processesOnPort(port))).toHaveLength(1);

        child.kill('SIGKILL');
        const gone = await eventually(
          async () => (await processesOnPort(port)).length === 0,
          5_000,
        );
        expect(gone, (await processesOnPort(port)).join('\n')).toBe(true);
      } finally {
        child.kill('SIGKILL');
      }
    },
  );
});

describe('startDynamoLocal with a stand-in `java` on PATH', () => {
  /** Puts a `java` script on PATH that prints `banner` for -version and otherwise runs `body`. */
  async function withFakeJava<T>(
    banner: string | null,
    body: string,
    use: () => Promise<T>,
  ): Promise<T> {
    const bin = mkdtempSync(join(scratch, 'bin-'));
    if (banner !== null) {
      const versionCheck = `if [ "$1" = -version ]; then echo '${banner}' >&2; exit 0; fi`;
      const script = `#!/bin/sh\n${versionCheck}\n${body}\n`;
      writeFileSync(join(bin, 'java'), script);
      chmodSync(join(bin, 'java'), 0o755);
    }
    const path = process.env.PATH;
    // Without a stand-in, PATH holds only the empty directory: no java anywhere.
    process.env.PATH = banner === null ? bin : `${bin}:${path}`;
    try {
      return await use();
    } finally {
      process.env.PATH = path;
    }
  }

  test('passes the safety flags and storage; reports an early exit with Java output', async () => {
    const argsFile = join(scratch, 'java-args');
    const body = `printf '%s\\n' "$@" > '${argsFile}'; echo 'fake java gave up' >&2; exit 3`;
    const banner = 'openjdk version "17.0.15" 2025-04-15';

    await withFakeJava(banner, body, async () => {
      await expect(startDynamoLocal()).rejects.toThrow(/exited \(code 3\)[\s\S]*fake java gave up/);
      const args = readFileSync(argsFile, 'utf8').trim().split('\n');
      expect(args).toContain('-disableTelemetry');
      expect(args[args.indexOf('-cors') + 1]).toBe('https://cors.invalid');
      expect(args).toContain('-inMemory');
      expect(args[args.indexOf('-port') + 1]).toMatch(/^\d+$/);

      const dbPath = join(scratch, 'fake-db');
      await expect(startDynamoLocal({ dbPath, port: 1 })).rejects.toThrow();
      const diskArgs = readFileSync(argsFile, 'utf8').trim().split('\n');
      expect(diskArgs[diskArgs.indexOf('-dbPath') + 1]).toBe(dbPath);
      expect(diskArgs).not.toContain('-inMemory');
      // Only this user may read the tables' files.
      expect(statSync(dbPath).mode & 0o777).toBe(0o700);
      // Loopback unless told otherwise, through the launcher that restricts the connector.
      expect(diskArgs[diskArgs.indexOf('-host') + 1]).toBe('127.0.0.1');
      expect(diskArgs.find((arg) => arg.endsWith('LoopbackLauncher.java'))).toBeDefined();
    });
  });

  test('is ready only when its own process holds the port and answers as DynamoDB', async () => {
    // A stand-in that serves HTTP on the port it was given, announcing itself with the
    // start token it was given or another one, and answering like DynamoDB or not.
    const impostor = join(scratch, 'impostor.cjs');
    writeFileSync(
      impostor,
      `const [port, token, mode] = process.argv.slice(2);
require('node:http')
  .createServer((request, response) =>
    response.end(mode === 'not-dynamo' ? '{"Message":"hello"}' : '{"TableNames":[]}'))
  .listen(Number(port), '127.0.0.1', () =>
    console.log('ocean-dynamo-local listening 127.0.0.1:' + port + ' ' +
      (mode === 'other-token' ? 'not-the-start-token' : token)));
`,
    );
    const banner = 'openjdk version "17.0.15" 2025-04-15';
    const body = (mode: string) =>
      `prev=; for a in "$@"; do case "$prev" in -port) port=$a;; -startToken) token=$a;; esac; prev=$a; done
exec '${process.execPath}' '${impostor}' "$port" "$token" ${mode}`;

    for (const mode of ['other-token', 'not-dynamo']) {
      await withFakeJava(banner, body(mode), async () => {
        await expect(startDynamoLocal({ startTimeoutMs: 1_500 }), mode).rejects.toThrow(
          /did not answer on http:\/\/127\.0\.0\.1:\d+ within 1\.5 s/,
        );
      });
    }
    // Control: the same stand-in with this start's token and a DynamoDB answer is accepted.
    await withFakeJava(banner, body('genuine'), async () => {
      const local = await startDynamoLocal({ startTimeoutMs: 10_000 });
      await local.stop();
    });
  });

  test('gives up on a Java that never answers, and kills it', async () => {
    const pidFile = join(scratch, 'silent-java-pid');
    const banner = 'openjdk version "21.0.2" 2024-01-16';
    await withFakeJava(banner, `echo $$ > '${pidFile}'; exec sleep 60`, async () => {
      await expect(startDynamoLocal({ startTimeoutMs: 1_000 })).rejects.toThrow(
        /did not answer on http:\/\/127\.0\.0\.1:\d+ within 1 s/,
      );
    });
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  });

  test('refuses Java older than 17 without starting it, naming the package', async () => {
    const launched = join(scratch, 'old-java-launched');
    await withFakeJava('java version "1.8.0_292"', `touch '${launched}'`, async () => {
      await expect(startDynamoLocal()).rejects.toThrow(
        'apt-get install -y openjdk-17-jre-headless',
      );
    });
    expect(() => readFileSync(launched)).toThrow();
  });

  test('refuses a missing java, naming the package to install', async () => {
    await withFakeJava(null, '', async () => {
      await expect(startDynamoLocal()).rejects.toThrow(
        /not found on PATH.*openjdk-17-jre-headless/,
      );
    });
  });
});
