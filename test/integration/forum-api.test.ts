import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../examples/forum-api/app.js';
import { forumFactory, postFactory, topicFactory } from '../../examples/forum-api/factories.js';
import { Forum, Post, Topic } from '../../examples/models/forum.js';
import { useDynamo } from '../support/dynamo.js';

const { log } = useDynamo();
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
type Json = Record<string, any>;

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  await Promise.all([Forum.createTable(), Topic.createTable(), Post.createTable()]);
  app = buildApp();
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await app?.close();
});

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text ? (JSON.parse(text) as Json) : null,
  };
}

describe('factories (fishery)', () => {
  it('build makes unsaved records and create saves them through the model', async () => {
    const built = forumFactory.build({ name: 'Draft' });
    expect(built).toBeInstanceOf(Forum);
    expect(built.name).toBe('Draft');
    expect(built.isNewRecord()).toBe(true);

    const forum = await forumFactory.create();
    expect(forum.isPersisted()).toBe(true);
    expect((await Forum.find(forum.id)).name).toBe(forum.name);

    const topics = await topicFactory.createList(2, {}, { transient: { forum } });
    expect(topics.map((t) => t.forumId)).toEqual([forum.id, forum.id]);
    const post = await postFactory.create({ author: 'zoe' }, { transient: { topic: topics[0] } });
    expect(post.topicId).toBe(`${forum.id}:${topics[0]?.guid}`);
    expect((await topics[0]!.posts.load()).map((p) => p.author)).toEqual(['zoe']);

    // Without a parent given, the factory makes one: the record is still valid and keyed.
    const orphan = await postFactory.create();
    expect(orphan.topicId).toMatch(/^[\w-]+:[\w-]+$/);
  });

  it('create fails like saveOrThrow when the model refuses the record', async () => {
    await expect(forumFactory.create({ name: '' })).rejects.toThrow(/blank/);
  });
});

describe('forum API over HTTP', () => {
  it('creates, shows, updates and deletes a forum with ETags', async () => {
    const created = await call('POST', '/forums', {
      name: 'General',
      description: 'Anything',
      admin: true,
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: 'General',
      description: 'Anything',
      lockVersion: 0,
    });
    expect(created.json).not.toHaveProperty('admin');
    expect(created.headers.get('etag')).toBe('"0"');
    const id = created.json?.id as string;
    expect(created.headers.get('location')).toBe(`/forums/${id}`);

    const shown = await call('GET', `/forums/${id}`);
    expect(shown.json?.name).toBe('General');

    const updated = await call('PATCH', `/forums/${id}`, { name: 'Main' }, { 'if-match': '"0"' });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"1"');
    expect((await Forum.find(id)).name).toBe('Main');

    const listed = await call('GET', '/forums');
    expect(listed.json?.forums.map((f: { id: string }) => f.id)).toContain(id);

    expect((await call('DELETE', `/forums/${id}`, undefined, { 'if-match': '"1"' })).status).toBe(
      204,
    );
    expect(await Forum.findByKey(id)).toBeNull();
    expect((await call('GET', `/forums/${id}`)).status).toBe(404);
  });

  it('answers 422 with the errors object for invalid input', async () => {
    const invalid = await call('POST', '/forums', { name: '' });
    expect(invalid.status).toBe(422);
    expect(invalid.json).toEqual({ errors: { name: ["can't be blank"] } });

    const forum = await forumFactory.create();
    const uncastable = await call('PATCH', `/forums/${forum.id}`, { name: { nested: true } });
    expect(uncastable.status).toBe(422);
    expect(uncastable.json?.errors.base[0]).toMatch(/name/);
  });

  it('answers 409 when If-Match names a version that is no longer current, and changes nothing', async () => {
    const forum = await forumFactory.create({ name: 'Before' });
    await call('PATCH', `/forums/${forum.id}`, { name: 'Someone else' }, { 'if-match': '"0"' });
    const stale = await call(
      'PATCH',
      `/forums/${forum.id}`,
      { name: 'Mine' },
      { 'if-match': '"0"' },
    );
    expect(stale.status).toBe(409);
    expect((await Forum.find(forum.id)).name).toBe('Someone else');
    expect(
      (await call('DELETE', `/forums/${forum.id}`, undefined, { 'if-match': '"0"' })).status,
    ).toBe(409);
    expect(await Forum.findByKey(forum.id)).not.toBeNull();
    expect(
      (await call('PATCH', `/forums/${forum.id}`, { name: 'x' }, { 'if-match': 'yesterday' }))
        .status,
    ).toBe(400);
  });

  it('pages through topics with next links, each page one key query', async () => {
    const forum = await forumFactory.create();
    const topics = await topicFactory.createList(5, {}, { transient: { forum } });
    const seen: string[] = [];
    let path: string | null = `/forums/${forum.id}/topics?limit=2`;
    let pages = 0;
    while (path) {
      log.clear();
      const page = await call('GET', path);
      expect(page.status).toBe(200);
      expect(log.operations).toEqual(['GetItem', 'Query']);
      if (page.json?.next) expect(page.headers.get('link')).toBe(`<${page.json.next}>; rel="next"`);
      seen.push(...(page.json?.topics as { guid: string }[]).map((t) => t.guid));
      path = page.json?.next ?? null;
      pages += 1;
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen.sort()).toEqual(topics.map((t) => t.guid).sort());
    expect((await call('GET', `/forums/${forum.id}/topics?after=garbage`)).status).toBe(400);
    expect((await call('GET', `/forums/${forum.id}/topics?limit=0`)).status).toBe(400);
  });

  it('manages topics and posts below a forum, with 404 for missing parents and records', async () => {
    const forum = await forumFactory.create();
    const topic = await call('POST', `/forums/${forum.id}/topics`, { title: 'Hello' });
    expect(topic.status).toBe(201);
    const topicPath = `/forums/${forum.id}/topics/${topic.json?.guid}`;
    expect(topic.headers.get('location')).toBe(topicPath);

    const post = await call('POST', `${topicPath}/posts`, { body: 'First!', author: 'ann' });
    expect(post.status).toBe(201);
    const postPath = `${topicPath}/posts/${post.json?.guid}`;
    expect((await call('GET', postPath)).json).toMatchObject({ body: 'First!', author: 'ann' });
    expect(
      (
        await call(
          'PATCH',
          postPath,
          { body: 'Edited' },
          { 'if-match': post.headers.get('etag') ?? '' },
        )
      ).json?.body,
    ).toBe('Edited');
    const posts = await call('GET', `${topicPath}/posts`);
    expect(posts.json).toEqual({
      posts: [expect.objectContaining({ body: 'Edited' })],
      next: null,
    });

    expect((await call('PATCH', topicPath, { title: 'Renamed' })).json?.title).toBe('Renamed');
    expect((await call('GET', `/forums/nope/topics`)).status).toBe(404);
    expect((await call('GET', `/forums/${forum.id}/topics/nope`)).status).toBe(404);
    expect(
      (await call('POST', `/forums/${forum.id}/topics/nope/posts`, { body: 'x' })).status,
    ).toBe(404);
    expect((await call('GET', `${topicPath}/posts/nope`)).status).toBe(404);

    expect((await call('DELETE', postPath)).status).toBe(204);
    expect((await call('GET', postPath)).status).toBe(404);
    expect((await call('DELETE', topicPath)).status).toBe(204);
    expect(await Topic.findByKey(forum.id, topic.json?.guid)).toBeNull();
  });
});
