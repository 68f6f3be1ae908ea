import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPostgres, makePostgres } from '../support/import/databases.js';
import { expectRelationsIntact, importForum } from '../support/import/forum-import.js';
import { forumRows, POSTS } from '../support/import/forum-schema.js';
import { useDynamo } from '../support/dynamo.js';

const { prefix } = useDynamo();
const schema = `imp_${randomUUID().slice(0, 8)}`;
const rows = forumRows();
let url: string;

beforeAll(async () => {
  url = await makePostgres(schema, rows);
});
afterAll(() => dropPostgres(schema));

describe('ocean-dynamo import from PostgreSQL', () => {
  it('imports 10,000 posts into three models with their relations intact', async () => {
    const rejects = join(tmpdir(), `${schema}-rejects.ndjson`);
    const [forums, topics, posts] = await importForum(url, prefix, rejects);
    expect(forums!.stderr).not.toMatch(/ocean-dynamo:/);
    expect(forums!.code).toBe(0);
    expect(topics!.code).toBe(0);
    expect(posts!.stdout).toContain(`Post: ${POSTS} rows read, written ${POSTS - 20}, rejected 20`);
    // Rejected rows make the exit code 1: not every row arrived.
    expect(posts!.code).toBe(1);
    expect(posts!.stderr).toMatch(/10,000 \/ 10,000 rows \(100%\) · [\d,]+ rows\/s/);
    const rejected = readFileSync(rejects, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rejected).toHaveLength(20);
    expect(rejected[0]).toMatchObject({ row: 1, errors: { body: ["can't be blank"] } });
    expect(rejected[1].errors.score[0]).toMatch(/not a number/);
    await expectRelationsIntact(rows);
  }, 240_000);
});
