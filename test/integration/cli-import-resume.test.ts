import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { configure } from '../../src/index.js';
import { Post } from '../support/cli-models/forum-import.js';
import { runCli } from '../support/cli.js';
import { localClient } from '../support/dynamo.js';
import { makeSqlite } from '../support/import/databases.js';
import { importModel, MODELS } from '../support/import/forum-import.js';
import { forumRows, isBadPost } from '../support/import/forum-schema.js';

const client = localClient();
const directory = mkdtempSync(join(tmpdir(), 'import-'));
const RESUME_POSTS = 4000;
const rows = forumRows(RESUME_POSTS);
let source: string;

const use = (prefix: string) => configure({ client, tableNamePrefix: prefix });
const newPrefix = () => `i${randomUUID().slice(0, 8)}_`;

beforeAll(() => {
  source = makeSqlite(join(directory, 'forum.db'), rows);
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('ocean-dynamo import, interrupted', () => {
  it('an import killed midway and run again ends with exactly the source rows', async () => {
    const prefix = newPrefix();
    await importModel(source, 'Forum', prefix);
    await importModel(source, 'Topic', prefix);
    const checkpoint = join(directory, 'posts.checkpoint');
    const rejects = join(directory, 'resume-rejects.ndjson');
    const args = [
      'import',
      source,
      '--models',
      MODELS,
      '--model',
      'Post',
      '--table',
      'posts',
      '--table-prefix',
      prefix,
      '--checkpoint',
      checkpoint,
      '--rejects',
      rejects,
      '--concurrency',
      '2',
    ];
    const settledAtKill = await killWhenPast(args, checkpoint, 1200);
    expect(settledAtKill).toBeLessThan(RESUME_POSTS);

    const resumed = await runCli(args, { timeoutMs: 150_000 });
    expect(resumed.stdout).toMatch(new RegExp(`after ${settledAtKill} done before`));
    expect(JSON.parse(readFileSync(checkpoint, 'utf8'))).toMatchObject({
      settled: RESUME_POSTS,
      complete: true,
    });
    const rejected = readFileSync(rejects, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).row);
    expect(rejected).toEqual(rows.posts.filter((p) => isBadPost(p.id)).map((p) => p.id));

    use(prefix);
    const stored = await Post.all();
    expect(stored).toHaveLength(RESUME_POSTS - 8);
    expect(new Set(stored.map((p) => p.guid)).size).toBe(RESUME_POSTS - 8);

    const again = await runCli(args);
    expect(again.stdout).toContain('already imported');
    expect(again.code).toBe(0);
  }, 240_000);
});

/** Starts the import and SIGKILLs it once its checkpoint shows more than `past` rows settled. */
function killWhenPast(args: string[], checkpoint: string, past: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: {
      ...process.env,
      AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    },
    stdio: 'ignore',
  });
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (!existsSync(checkpoint)) return;
      let settled: number;
      try {
        settled = (JSON.parse(readFileSync(checkpoint, 'utf8')) as { settled: number }).settled;
      } catch {
        return;
      }
      if (settled > past) {
        clearInterval(timer);
        child.kill('SIGKILL');
        child.on('close', () =>
          resolve((JSON.parse(readFileSync(checkpoint, 'utf8')) as { settled: number }).settled),
        );
      }
    }, 20);
    child.on('close', (code) => {
      clearInterval(timer);
      if (code !== null)
        reject(new Error(`the import finished (exit ${code}) before it was killed`));
    });
  });
}
