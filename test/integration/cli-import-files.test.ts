import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configure } from '../../src/index.js';
import { Forum, Topic } from '../support/cli-models/forum-import.js';
import { runCli } from '../support/cli.js';
import { localClient } from '../support/dynamo.js';
import { makeSqlite } from '../support/import/databases.js';
import { importModel, MODELS } from '../support/import/forum-import.js';
import { forumRows } from '../support/import/forum-schema.js';
import { loadOptional } from '../../src/cli/import/drivers.js';

const client = localClient();
const directory = mkdtempSync(join(tmpdir(), 'import-'));
const rows = forumRows(10);
let source: string;

const use = (prefix: string) => configure({ client, tableNamePrefix: prefix });
const newPrefix = () => `i${randomUUID().slice(0, 8)}_`;

beforeAll(() => {
  source = makeSqlite(join(directory, 'forum.db'), rows);
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('ocean-dynamo import from files', () => {
  it('reads NDJSON and CSV, maps columns, and reports rejects', async () => {
    const prefix = newPrefix();
    const ndjson = join(directory, 'forums.ndjson');
    writeFileSync(
      ndjson,
      [
        { forum_key: 'a', title: 'Alpha', open: true, created_at: '2024-05-01 10:00:00' },
        { forum_key: 'b', title: '', open: 'false' },
        { forum_key: 'c', title: 'Gamma', extra: 1 },
      ]
        .map((row) => JSON.stringify(row))
        .join('\n') + '\n\n',
    );
    const result = await importModel(ndjson, 'Forum', prefix, [
      '--map',
      'forum_key=id',
      '--map',
      'title=name',
    ]);
    expect(result.stdout).toContain('Forum: 3 rows read, written 2, rejected 1');
    expect(result.stdout).toContain('columns left out: extra');
    expect(result.code).toBe(1);

    const csv = join(directory, 'topics.csv');
    writeFileSync(csv, 'id,forum_id,title,views\n1,a,First,3\n2,a,Second,\n3,b,Third,many\n');
    const topics = await importModel(csv, 'Topic', prefix);
    expect(topics.stdout).toContain('Topic: 3 rows read, written 2, rejected 1');

    use(prefix);
    const alpha = await Forum.find('a');
    expect(alpha.name).toBe('Alpha');
    expect(alpha.open).toBe(true);
    expect(alpha.createdAt).toEqual(new Date('2024-05-01T10:00:00Z'));
    expect((await alpha.topics.toArray()).map((t) => [t.guid, t.title, t.views])).toEqual([
      ['1', 'First', 3],
      ['2', 'Second', null],
    ]);
    expect(await Topic.findByKey('b', '3')).toBeNull();
  }, 60_000);

  it('wrong usage exits 2; a broken source exits 1; a missing driver names its package', async () => {
    const usage = await runCli(['import', source, '--models', MODELS, '--model', 'Post']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('needs --table <name> or --query <sql>');
    const unknown = await runCli([
      'import',
      source,
      '--models',
      MODELS,
      '--model',
      'Nope',
      '--table',
      'posts',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no model 'Nope'");
    const badMap = await runCli([
      'import',
      'x.ndjson',
      '--models',
      MODELS,
      '--model',
      'Forum',
      '--map',
      'oops',
    ]);
    expect(badMap.code).toBe(2);
    const broken = join(directory, 'broken.ndjson');
    writeFileSync(broken, '{"id":"x","name":"ok"}\nnot json\n');
    const failed = await importModel(broken, 'Forum', newPrefix());
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/broken\.ndjson:2 is not JSON/);
    const help = await runCli(['import', '--help']);
    expect(help.stdout).toContain('--checkpoint <file>');
    await expect(
      loadOptional('pg-driver-that-is-not-installed', 'Importing from X'),
    ).rejects.toThrow(
      "Importing from X needs the package 'pg-driver-that-is-not-installed', which is not installed: npm install pg-driver-that-is-not-installed",
    );
  }, 60_000);
});
