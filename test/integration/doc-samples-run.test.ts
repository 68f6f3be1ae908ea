import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeleteTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoLocal, type DynamoLocal } from '../../src/testing/index.js';
import { documentationFiles, samplesOf, type Sample } from '../support/doc-samples/samples.js';

/**
 * Doc-tests: every ```ts block of README.md and docs/*.md not fenced as ```ts fragment runs
 * as printed, its file's blocks in order (a guide may open with a setup block), each block a
 * module of its own, against a DynamoDB Local of this file's own that starts each guide with
 * no tables. `import … from 'ocean-dynamo'` resolves to src/ (tsconfig.docs.json); the
 * endpoint comes from AWS_ENDPOINT_URL_DYNAMODB with no credentials, as a newcomer's would.
 */
const ROOT = process.cwd();
const OUT = join(ROOT, '.doc-samples', `run-${process.pid}`);

let local: DynamoLocal;
let client: DynamoDBClient;

beforeAll(async () => {
  local = await startDynamoLocal();
  client = new DynamoDBClient({
    endpoint: local.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  mkdirSync(OUT, { recursive: true });
});

afterAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  client?.destroy();
  await local?.stop();
});

async function dropAllTables(): Promise<void> {
  const { TableNames = [] } = await client.send(new ListTablesCommand({}));
  await Promise.all(
    TableNames.map((TableName) => client.send(new DeleteTableCommand({ TableName }))),
  );
}

function run(file: string, samples: Sample[]): Promise<{ code: number | null; output: string }> {
  const stem = file.replace(/\W/g, '_');
  const modules = samples.map((sample) => {
    const path = join(OUT, `${stem}_${sample.line}.ts`);
    writeFileSync(path, `${sample.code}\nexport {};\n`);
    return [sample.line, path] as const;
  });
  const runner = join(OUT, `${stem}.run.ts`);
  writeFileSync(
    runner,
    `import { configure } from 'ocean-dynamo';
for (const [line, path] of ${JSON.stringify(modules)}) {
  try {
    // Each sample starts from no configuration, as a program of its own would.
    configure({});
    await import(path);
  } catch (error) {
    console.error(\`${file}:\${line}: \${(error as Error).name}: \${(error as Error).message}\`);
    process.exit(1);
  }
}
process.exit(0);
`,
  );
  const env: Record<string, string | undefined> = {
    ...process.env,
    TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.docs.json'),
    AWS_ENDPOINT_URL_DYNAMODB: local.endpoint,
    AWS_REGION: 'us-east-1',
    // docs/security.md reads its signing secret from the environment, as a service would.
    CURSOR_SECRET: 'doc-samples-secret-of-at-least-32-characters',
  };
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE'])
    delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', runner], { env, stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${file}: samples did not finish; output: ${output}`));
    }, 100_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const files = documentationFiles(ROOT)
  .map((file) => [file, samplesOf(ROOT, file).filter((s) => !s.fragment)] as const)
  .filter(([, samples]) => samples.length > 0);

describe('documentation samples run as printed', () => {
  it('finds runnable samples in the README and the guides', () => {
    expect(files.map(([file]) => file)).toContain('README.md');
    expect(files.length).toBeGreaterThan(3);
  });

  it.each(files)(
    '%s',
    async (file, samples) => {
      await dropAllTables();
      const { code, output } = await run(file, [...samples]);
      expect(output.split('\n').filter((line) => line.startsWith(`${file}:`))).toEqual([]);
      expect(code).toBe(0);
    },
    120_000,
  );
});
