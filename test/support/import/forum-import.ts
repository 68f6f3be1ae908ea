/**
 * Runs `ocean-dynamo import` for the three forum models, and checks afterwards that the
 * relations hold exactly the source's rows: forum.topics and topic.posts by key query.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { Forum, Post, Topic } from '../cli-models/forum-import.js';
import { runCli, type CliResult } from '../cli.js';
import { isBadPost, POSTS, type ForumRows } from './forum-schema.js';

export const MODELS = 'test/support/cli-models/forum-import.ts';

export function importModel(
  source: string,
  model: 'Forum' | 'Topic' | 'Post',
  prefix: string,
  extra: string[] = [],
): Promise<CliResult> {
  const table = { Forum: 'forums', Topic: 'topics', Post: 'posts' }[model];
  const sql = /^(postgres|mysql|sqlite)/.test(source) ? ['--table', table] : [];
  return runCli(
    [
      'import',
      source,
      '--models',
      MODELS,
      '--model',
      model,
      ...sql,
      '--table-prefix',
      prefix,
      ...extra,
    ],
    { timeoutMs: 150_000 },
  );
}

/** Imports forums, topics and posts in that order; posts' rejected rows go to `rejects`. */
export async function importForum(
  source: string,
  prefix: string,
  rejects: string,
): Promise<CliResult[]> {
  const forums = await importModel(source, 'Forum', prefix);
  const topics = await importModel(source, 'Topic', prefix);
  const posts = await importModel(source, 'Post', prefix, ['--rejects', rejects]);
  return [forums, topics, posts];
}

/**
 * Imports the whole forum from a SQL source and checks what the command reported (20 bad
 * posts rejected, written to `rejects` with their errors, exit code 1), then the relations.
 */
export async function expectForumImported(
  source: string,
  prefix: string,
  rejects: string,
  rows: ForumRows,
): Promise<void> {
  const [forums, topics, posts] = await importForum(source, prefix, rejects);
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
}

/** forum.topics and topic.posts return exactly the source's rows (bad posts left out). */
export async function expectRelationsIntact(rows: ForumRows): Promise<void> {
  const forums = await Forum.all();
  expect(forums.map((f) => f.id).sort()).toEqual(rows.forums.map((f) => String(f.id)).sort());
  const forum3 = forums.find((f) => f.id === '3')!;
  expect(forum3.name).toBe('Forum 3');
  expect(forum3.open).toBe(true);
  expect(forum3.createdAt).toEqual(new Date('2024-01-02T03:04:05Z'));
  let postsSeen = 0;
  for (const forum of forums) {
    const topics = await forum.topics.toArray();
    expect(topics.map((t) => t.guid).sort()).toEqual(
      rows.topics
        .filter((t) => String(t.forum_id) === forum.id)
        .map((t) => String(t.id))
        .sort(),
    );
    for (const topic of topics) {
      const posts = await topic.posts.toArray();
      const expected = rows.posts
        .filter((p) => p.topic_id === Number(topic.guid) && !isBadPost(p.id))
        .map((p) => String(p.id));
      expect(posts.map((p) => p.guid).sort()).toEqual(expected.sort());
      postsSeen += posts.length;
    }
  }
  expect(postsSeen).toBe(rows.posts.filter((p) => !isBadPost(p.id)).length);
  const post = await Post.find(`${((77 - 1) % 10) + 1}:77`, '177');
  expect(post.body).toBe('Post 177');
  expect(post.score).toBe((177 % 50) / 4);
  expect((await post.topic())?.title).toBe('Topic 77');
  expect((await (await post.topic())!.forum())?.name).toBe('Forum 7');
  expect(await Topic.count()).toBe(rows.topics.length);
}
