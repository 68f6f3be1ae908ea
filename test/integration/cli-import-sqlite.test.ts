import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configure } from '../../src/index.js';
import { Post } from '../support/cli-models/forum-import.js';
import { localClient } from '../support/dynamo.js';
import { makeSqlite } from '../support/import/databases.js';
import { expectRelationsIntact, importForum, importModel } from '../support/import/forum-import.js';
import { forumRows, POSTS } from '../support/import/forum-schema.js';

const client = localClient();
const directory = mkdtempSync(join(tmpdir(), 'import-'));
const rows = forumRows();
let source: string;

const use = (prefix: string) => configure({ client, tableNamePrefix: prefix });
const newPrefix = () => `i${randomUUID().slice(0, 8)}_`;

beforeAll(() => {
  source = makeSqlite(join(directory, 'forum.db'), rows);
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('ocean-dynamo import from SQLite', () => {
  it('imports 10,000 posts into three models with their relations intact', async () => {
    const prefix = newPrefix();
    const [, , posts] = await importForum(source, prefix, join(directory, 'rejects.ndjson'));
    expect(posts!.stdout).toContain(`Post: ${POSTS} rows read, written ${POSTS - 20}, rejected 20`);
    use(prefix);
    await expectRelationsIntact(rows);
  }, 240_000);

  it('--dry-run validates every row and writes nothing', async () => {
    const prefix = newPrefix();
    const rejects = join(directory, 'dry.ndjson');
    const result = await importModel(source, 'Post', prefix, ['--dry-run', '--rejects', rejects]);
    expect(result.stdout).toContain(
      `Post (dry run, nothing written): ${POSTS} rows read, valid ${POSTS - 20}, rejected 20`,
    );
    expect(result.code).toBe(1);
    expect(readFileSync(rejects, 'utf8').trim().split('\n')).toHaveLength(20);
    use(prefix);
    // Not even the table was created.
    expect(await Post.tableExists()).toBe(false);
  }, 60_000);
});
