import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { expect, it } from 'vitest';

it('ocean-dynamo local runs DynamoDB Local until SIGTERM, then stops it and exits 0', async () => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'local', '--port', '0'],
    { stdio: 'pipe' },
  );
  let stdout = '';
  child.stdout.setEncoding('utf8');
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no endpoint announced: ${stdout}`)), 60_000);
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
  });
  expect(stdout).toContain(`export AWS_ENDPOINT_URL_DYNAMODB=${endpoint}`);
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
  });
  expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual([]);
  client.destroy();

  const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
  child.kill('SIGTERM');
  const [code] = await exited;
  expect(code).toBe(0);
  expect(stdout).toContain('SIGTERM: stopping DynamoDB Local');
  expect(stdout).toContain('Stopped.');
  await expect(fetch(endpoint, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
}, 90_000);
