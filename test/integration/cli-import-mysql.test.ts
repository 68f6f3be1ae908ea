import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { dropMysql, makeMysql } from '../support/import/databases.js';
import { expectForumImported } from '../support/import/forum-import.js';
import { forumRows } from '../support/import/forum-schema.js';
import { useDynamo } from '../support/dynamo.js';

const { prefix } = useDynamo();
const schema = `imp_${randomUUID().slice(0, 8)}`;
const rows = forumRows();
let url: string;

beforeAll(async () => {
  url = await makeMysql(schema, rows);
});
afterAll(() => dropMysql(schema));

describe('ocean-dynamo import from MariaDB (mysql2)', () => {
  it('imports 10,000 posts into three models with their relations intact', async () => {
    await expectForumImported(url, prefix, join(tmpdir(), `${schema}-rejects.ndjson`), rows);
  }, 240_000);
});
