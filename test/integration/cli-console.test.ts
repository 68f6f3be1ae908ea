import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { REPLServer } from 'node:repl';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRepl } from '../../src/cli/repl-session.js';
import { AsyncJob, Forum } from '../../examples/models/index.js';
import { runCli } from '../support/cli.js';
import { useDynamo } from '../support/dynamo.js';

const { prefix } = useDynamo();

describe('console with piped stdin', () => {
  it('runs the script with the example models in scope, top-level await included, and exits 0', async () => {
    const consolePrefix = `con${randomUUID().slice(0, 6)}_`;
    const script = `
      await Forum.createTable(); await Topic.createTable(); await Post.createTable();
      const forum = await Forum.create({ name: 'General' });
      const topic = await forum.topics.create({ title: 'Hello' });
      await topic.posts.create({ body: 'First!', author: 'ann' });
      const topics = await forum.topics.load();
      const posts = await topics[0].posts.load();
      console.log(JSON.stringify({ table: Forum.tableFullName, topics: topics.map((t) => t.title), posts: posts.map((p) => p.body) }));
    `;
    const result = await runCli(['console', '--log', '--table-prefix', consolePrefix], {
      input: script,
    });
    expect(result.stderr).not.toMatch(/script failed/);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      table: `${consolePrefix}forums`,
      topics: ['Hello'],
      posts: ['First!'],
    });
    // Notices and the request log go to stderr, leaving stdout to the script.
    expect(result.stderr).toContain('ocean-dynamo console on DynamoDB at http://127.0.0.1:');
    expect(result.stderr).toMatch(
      new RegExp(`  CreateTable ${consolePrefix}forums \\(Forum\\) [\\d.]+ ms`),
    );
    expect(result.stderr).toMatch(new RegExp(`  PutItem ${consolePrefix}posts \\(Post\\)`));
  });

  it('reports a failing script in one line with exit code 1', async () => {
    const result = await runCli(['console', '--table-prefix', prefix], {
      input: 'await AsyncJob.find("nope")',
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(
      /^ocean-dynamo: script failed: (TableNotFound|RecordNotFound): .*async_jobs/,
    );
  });

  it('starts DynamoDB Local when no endpoint is configured, and leaves no Java process behind', async () => {
    const result = await runCli(['console'], {
      input: 'const j = await AsyncJob.createTable(); console.log(AsyncJob.tableFullName)',
      env: { AWS_ENDPOINT_URL_DYNAMODB: undefined },
      timeoutMs: 60_000,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('async_jobs\n');
    const endpoint =
      /DynamoDB Local at (http:\/\/127\.0\.0\.1:(\d+)) \(started for this console/.exec(
        result.stderr,
      );
    expect(endpoint).not.toBeNull();
    const port = endpoint?.[2] as string;
    const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    expect(
      processes
        .split('\n')
        .filter((line) => line.includes('DynamoDBLocal') && line.includes(`-port ${port} `)),
    ).toEqual([]);
    await expect(
      fetch(endpoint?.[1] as string, { signal: AbortSignal.timeout(2000) }),
    ).rejects.toThrow();
  }, 90_000);
});

describe('console REPL', () => {
  let input: PassThrough;
  let output: PassThrough;
  let text = '';
  let server: REPLServer;
  let finished: Promise<void>;

  beforeAll(async () => {
    process.env.OCEAN_DYNAMO_HISTORY = '';
    await AsyncJob.createTable();
    input = new PassThrough();
    output = new PassThrough();
    output.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    const started = new Promise<REPLServer>((resolve) => {
      finished = startRepl({ AsyncJob, Forum }, [AsyncJob, Forum], {
        input,
        output,
        terminal: false,
        onStart: resolve,
      });
    });
    server = await started;
  });

  afterAll(async () => {
    input.end();
    await finished;
  });

  async function type(line: string, until: RegExp): Promise<string> {
    const from = text.length;
    input.write(`${line}\n`);
    for (let i = 0; i < 200 && !until.test(text.slice(from)); i++)
      await new Promise((r) => setTimeout(r, 25));
    return text.slice(from);
  }

  it('evaluates top-level await and shows records by their attributes', async () => {
    // The README's tour: the console's AsyncJob is the README's model.
    const shown = await type(
      `const job = await AsyncJob.create({ name: ' import ', guid: 'g-1' }); job`,
      /AsyncJob \{/,
    );
    expect(shown).toMatch(/AsyncJob \{[^}]*guid: 'g-1'/);
    expect(shown).toContain("name: 'import'");
    expect(shown).toContain('maxSeconds: 86400');
  });

  it('lists tables with item counts on .tables', async () => {
    const shown = await type('.tables', new RegExp(`${prefix}forums`));
    expect(shown).toMatch(new RegExp(`${prefix}async_jobs\\s+ACTIVE\\s+1\\s+AsyncJob`));
    expect(shown).toMatch(new RegExp(`${prefix}forums\\s+MISSING\\s+-\\s+Forum`));
  });

  it('logs each request after .log on, and stops after .log off', async () => {
    expect(await type('.log on', /Request log on/)).toContain('Request log on.');
    const logged = await type(`await AsyncJob.find('g-1')`, /GetItem/);
    expect(logged).toMatch(new RegExp(`  GetItem ${prefix}async_jobs \\(AsyncJob\\) [\\d.]+ ms`));
    await type('.log off', /Request log off/);
    const quiet = await type(`(await AsyncJob.find('g-1')).name`, /'import'/);
    expect(quiet).not.toContain('GetItem');
  });

  it('shows a relation as what it would send, before anything is sent', async () => {
    await type('.log on', /Request log on/);
    const shown = await type(`AsyncJob.where({ guid: 'g-1', name: 'import' })`, /read the records/);
    expect(shown).toContain('AsyncJob relation: Query table');
    expect(shown).toMatch(/key: +.*guid.*g-1/);
    expect(shown).toMatch(/filter: +.*name.*import/);
    expect(shown).not.toMatch(/ Query \S*async_jobs/); // nothing was sent
    const scan = await type(`AsyncJob.where({ name: 'import' })`, /relation/);
    expect(scan).toMatch(/AsyncJob relation: ScanRequired: /);
    await type('.log off', /Request log off/);
  });

  it('completes model names', async () => {
    const [completions] = await new Promise<[string[], string]>((resolve, reject) =>
      server.completer('Asy', (error, result) =>
        error ? reject(error) : resolve(result as [string[], string]),
      ),
    );
    expect(completions).toContain('AsyncJob');
  });

  it('prints an error as one line, and its stack on .stack', async () => {
    const shown = await type(
      `const a = await AsyncJob.create({ guid: 'stale-1', name: 'c' }); const b = await AsyncJob.find('stale-1'); a.succeeded = true; await a.save(); b.succeeded = true; await b.saveOrThrow()`,
      /Uncaught/,
    );
    const lines = shown.split('\n').filter((line) => line.includes('Uncaught'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^(ocean-dynamo> )*Uncaught StaleObjectError: /);
    expect(shown).not.toContain('$metadata');
    expect(shown).not.toContain('    at ');
    const stack = await type('.stack', /at /);
    expect(stack).toContain('StaleObjectError');
    expect(stack).toMatch(/\n\s+at /);
    const syntax = await type('(1 +', /\.\.\./);
    expect(syntax).not.toContain('Uncaught');
    await type('.break', /ocean-dynamo> /);
  });
});
