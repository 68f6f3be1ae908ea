// DynamoDB Local listens on 127.0.0.1 only. Proven from outside: DynamoDB Local is started in a
// network namespace made here, joined by a veth pair to a second one; the second cannot
// connect to the first's veth address, while 127.0.0.1 inside the first answers. The addresses
// exist only on that veth pair, inside the two namespaces; the machine's own interfaces are
// never touched. Where namespaces cannot be made, the listening socket's address is checked.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, test } from 'vitest';

const run = promisify(execFile);
const NAMESPACE_TEST = { timeout: 90_000 };

/** Test-only addresses, set on the veth pair inside the namespaces and nowhere else. */
const INNER = '10.213.0.1';
const OUTER = '10.213.0.2';

const suffix = `${process.pid}`.slice(-6);
const inner = { netns: `od-inner-${suffix}`, veth: `odi${suffix}` };
const outer = { netns: `od-outer-${suffix}`, veth: `odo${suffix}` };
const started: ChildProcess[] = [];

/** The local addresses of the TCP sockets listening on `port` (`ss -ltn`, else /proc/net). */
async function listeningAddresses(port: number): Promise<string[]> {
  try {
    const { stdout } = await run('ss', ['-ltnH', `sport = :${port}`]);
    return stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => line.trim().split(/\s+/)[3] ?? '');
  } catch {
    return procListeningAddresses(port);
  }
}

function procListeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      // State 0A is LISTEN.
      if (state !== '0A' || !local?.endsWith(`:${hexPort}`)) continue;
      const hex = local.split(':')[0]!;
      found.push(hex.length === 8 ? `${ipv4FromProc(hex)}:${port}` : `[${hex}]:${port}`);
    }
  }
  return found;
}

function ipv4FromProc(hex: string): string {
  const bytes = (hex.match(/../g) ?? []).map((pair) => Number.parseInt(pair, 16));
  return bytes.reverse().join('.');
}

/** Runs a Node script inside a namespace and returns what it prints. */
async function nodeIn(netns: string, script: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(
    'ip',
    ['netns', 'exec', netns, process.execPath, '-e', script, ...args],
    {
      timeout: 20_000,
    },
  );
  return stdout.trim();
}

/** Prints `connected` or the error code of a TCP connection to host:port. */
const CONNECT = `
const socket = require('node:net').connect(Number(process.argv[2]), process.argv[1]);
socket.setTimeout(3000, () => { console.log('timeout'); process.exit(0); });
socket.on('connect', () => { console.log('connected'); socket.destroy(); });
socket.on('error', (error) => console.log(error.code));
`;

/** Prints the body of a DynamoDB ListTables call to host:port. */
const LIST_TABLES = `
fetch('http://' + process.argv[1] + ':' + process.argv[2], {
  method: 'POST',
  headers: {
    'Content-Type': 'application/x-amz-json-1.0',
    'X-Amz-Target': 'DynamoDB_20120810.ListTables',
    Authorization: 'AWS4-HMAC-SHA256 Credential=local/20000101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
  },
  body: '{}',
}).then((r) => r.text()).then(console.log, (e) => console.log('failed', e.cause?.code ?? e.message));
`;

/** Makes both namespaces and the veth pair between them; the reason why not on failure. */
async function makeNamespaces(): Promise<string | null> {
  const steps: string[][] = [
    ['netns', 'add', inner.netns],
    ['netns', 'add', outer.netns],
    // Created directly inside the namespaces: no interface appears on the machine itself.
    [
      '-n',
      inner.netns,
      'link',
      'add',
      inner.veth,
      'type',
      'veth',
      'peer',
      'name',
      outer.veth,
      'netns',
      outer.netns,
    ],
    ['-n', inner.netns, 'addr', 'add', `${INNER}/30`, 'dev', inner.veth],
    ['-n', outer.netns, 'addr', 'add', `${OUTER}/30`, 'dev', outer.veth],
    ['-n', inner.netns, 'link', 'set', inner.veth, 'up'],
    ['-n', outer.netns, 'link', 'set', outer.veth, 'up'],
    ['-n', inner.netns, 'link', 'set', 'lo', 'up'],
    ['-n', outer.netns, 'link', 'set', 'lo', 'up'],
  ];
  for (const step of steps) {
    try {
      await run('ip', step);
    } catch (error) {
      return `\`ip ${step.join(' ')}\` failed: ${(error as Error).message.split('\n')[0]}`;
    }
  }
  return null;
}

async function removeNamespaces(): Promise<void> {
  for (const child of started) child.kill('SIGKILL');
  // Deleting a namespace also deletes its end of the veth pair, and so the pair.
  for (const { netns } of [inner, outer]) {
    await run('ip', ['netns', 'del', netns]).catch(() => undefined);
  }
}

afterAll(removeNamespaces);

/** Spawns a long-running Node program inside `netns` and resolves with its first line. */
function spawnIn(netns: string, args: string[]): Promise<string> {
  const child = spawn('ip', ['netns', 'exec', netns, process.execPath, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  started.push(child);
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

describe('DynamoDB Local listens on loopback only', () => {
  test("the run's instance has one listening socket, on 127.0.0.1", async () => {
    const port = Number(new URL(inject('dynamoEndpoint')).port);
    expect(await listeningAddresses(port)).toEqual([`127.0.0.1:${port}`]);
  });

  test(
    'from a second network namespace the veth address is refused; 127.0.0.1 inside answers',
    NAMESPACE_TEST,
    async () => {
      const unavailable = await makeNamespaces();
      if (unavailable !== null) {
        console.warn(
          `Network namespaces cannot be made here (${unavailable}); ` +
            "checking a fresh instance's listening socket address instead.",
        );
        const { startDynamoLocal } = await import('../../src/testing/index.js');
        const local = await startDynamoLocal();
        try {
          expect(await listeningAddresses(local.port)).toEqual([`127.0.0.1:${local.port}`]);
        } finally {
          await local.stop();
        }
        return;
      }

      const fixture = fileURLToPath(
        new URL('../support/fixtures/hold-dynamo-local.ts', import.meta.url),
      );
      const firstLine = await spawnIn(inner.netns, ['--import', 'tsx', fixture]);
      const { port } = JSON.parse(firstLine) as { port: number };

      // Inside its own namespace, loopback answers as DynamoDB; its veth address does not.
      expect(await nodeIn(inner.netns, LIST_TABLES, '127.0.0.1', String(port))).toBe(
        '{"TableNames":[]}',
      );
      expect(await nodeIn(inner.netns, CONNECT, INNER, String(port))).toBe('ECONNREFUSED');
      // From the other namespace, over the veth pair: refused.
      expect(await nodeIn(outer.netns, CONNECT, INNER, String(port))).toBe('ECONNREFUSED');

      // Control: the pair carries connections, so the refusal above is the bind, not the wiring.
      const controlPort = await spawnIn(inner.netns, [
        '-e',
        `const s = require('node:net').createServer((c) => c.end()).listen(0, '${INNER}', () => console.log(s.address().port));`,
      ]);
      expect(await nodeIn(outer.netns, CONNECT, INNER, controlPort)).toBe('connected');
    },
  );
});
