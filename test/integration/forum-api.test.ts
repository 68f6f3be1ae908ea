import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../examples/forum-api/app.js';
import { forumFactory, postFactory, topicFactory } from '../../examples/forum-api/factories.js';
import { Forum, Post, Topic } from '../../examples/models/forum.js';
import { useDynamo } from '../support/dynamo.js';

const { log } = useDynamo();
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
type Json = Record<string, any>;

// The service's own type: fastify is the example workspace's dependency, not the library's.
let app: ReturnType<typeof buildApp>;
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

/** Sends a raw body with a given content type (or none). */
async function raw(method: string, path: string, body: string, contentType?: string) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: contentType ? { 'content-type': contentType } : {},
    body,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text ? (JSON.parse(text) as Json) : null,
  };
}

/** The problem-details shape every 4xx and 5xx answer has. */
function expectProblem(
  answer: { status: number; headers: Headers; json: Json | null },
  status: number,
) {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer.json).toMatchObject({ type: 'about:blank', status });
  expect(typeof answer.json?.title).toBe('string');
  expect(typeof answer.json?.detail).toBe('string');
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

    log.clear();
    const listed = await call('GET', '/forums?limit=100');
    expect(listed.json?.forums.map((f: { id: string }) => f.id)).toContain(id);
    expect(log.operations).toEqual(['Query']);

    expect((await call('DELETE', `/forums/${id}`, undefined, { 'if-match': '"1"' })).status).toBe(
      204,
    );
    expect(await Forum.findByKey(id)).toBeNull();
    expect((await call('GET', `/forums/${id}`)).status).toBe(404);
  });

  it('answers 422 with the errors object for invalid input', async () => {
    const invalid = await call('POST', '/forums', { name: '' });
    expectProblem(invalid, 422);
    expect(invalid.json?.errors).toEqual({ name: ["can't be blank"] });

    const forum = await forumFactory.create();
    const uncastable = await call(
      'PATCH',
      `/forums/${forum.id}`,
      { name: { nested: true }, description: 3 },
      { 'if-match': '"0"' },
    );
    expectProblem(uncastable, 422);
    expect(uncastable.json?.errors).toEqual({
      name: ['must be a string (got object)'],
      description: ['must be a string (got number)'],
    });
    expect((await Forum.find(forum.id)).lockVersion).toBe(0);
  });

  it('answers 412 when If-Match names a version that is no longer current, and changes nothing', async () => {
    const forum = await forumFactory.create({ name: 'Before' });
    await call('PATCH', `/forums/${forum.id}`, { name: 'Someone else' }, { 'if-match': '"0"' });
    const stale = await call(
      'PATCH',
      `/forums/${forum.id}`,
      { name: 'Mine' },
      { 'if-match': '"0"' },
    );
    expectProblem(stale, 412);
    expect((await Forum.find(forum.id)).name).toBe('Someone else');
    expectProblem(
      await call('DELETE', `/forums/${forum.id}`, undefined, { 'if-match': '"0"' }),
      412,
    );
    expect(await Forum.findByKey(forum.id)).not.toBeNull();
    expect(
      (await call('PATCH', `/forums/${forum.id}`, { name: 'x' }, { 'if-match': 'yesterday' }))
        .status,
    ).toBe(400);
  });

  it('answers 412 when the record changes between the read and the write (the condition DynamoDB checks)', async () => {
    const forum = await forumFactory.create({ name: 'Raced' });
    // Someone else's write lands after the service read the record and checked If-Match.
    const original = Forum.prototype.save;
    let raced = false;
    Forum.prototype.save = async function (this: Forum, ...args: Parameters<Forum['save']>) {
      if (!raced) {
        raced = true;
        const other = await Forum.find(this.id);
        other.name = 'Theirs';
        await other.save();
      }
      return original.apply(this, args);
    };
    try {
      const answer = await call(
        'PATCH',
        `/forums/${forum.id}`,
        { name: 'Mine' },
        { 'if-match': '"0"' },
      );
      expectProblem(answer, 412);
    } finally {
      Forum.prototype.save = original;
    }
    expect((await Forum.find(forum.id)).name).toBe('Theirs');
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
    expectProblem(await call('GET', `/forums/${forum.id}/topics?after=garbage`), 400);
    expectProblem(await call('GET', `/forums/${forum.id}/topics?limit=0`), 400);
    expectProblem(await call('GET', `/forums/${forum.id}/topics?limit=101`), 400);
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

    expect(
      (await call('PATCH', topicPath, { title: 'Renamed' }, { 'if-match': '"0"' })).json?.title,
    ).toBe('Renamed');
    expect((await call('GET', `/forums/nope/topics`)).status).toBe(404);
    expect((await call('GET', `/forums/${forum.id}/topics/nope`)).status).toBe(404);
    expect(
      (await call('POST', `/forums/${forum.id}/topics/nope/posts`, { body: 'x' })).status,
    ).toBe(404);
    expect((await call('GET', `${topicPath}/posts/nope`)).status).toBe(404);

    expect((await call('DELETE', postPath, undefined, { 'if-match': '"1"' })).status).toBe(204);
    expectProblem(await call('GET', postPath), 404);
    expect((await call('DELETE', topicPath, undefined, { 'if-match': '*' })).status).toBe(204);
    expect(await Topic.findByKey(forum.id, topic.json?.guid)).toBeNull();
  });
});

describe('listing forums', () => {
  it('is capped and paginated, sorted by name, one Query per page and never a scan', async () => {
    const names = ['Delta', 'Alpha', 'Charlie', 'Bravo', 'Echo'].map((n) => `List ${n}`);
    for (const name of names) await forumFactory.create({ name });
    const seen: string[] = [];
    let path: string | null = '/forums?limit=2';
    while (path) {
      log.clear();
      const page = await call('GET', path);
      expect(page.status).toBe(200);
      expect(page.json?.forums.length).toBeLessThanOrEqual(2);
      expect(log.operations).toEqual(['Query']);
      seen.push(...(page.json?.forums as { name: string }[]).map((f) => f.name));
      path = page.json?.next ?? null;
    }
    const listed = seen.filter((name) => name.startsWith('List '));
    expect(listed).toEqual([...names].sort());
    expect(seen).toEqual([...seen].sort());
    expect(log.count('Scan')).toBe(0);
    expectProblem(await call('GET', '/forums?limit=1000'), 400);
  });
});

describe('request bodies', () => {
  it('answers 400 for a body that is not a JSON object', async () => {
    for (const body of ['[]', '"a string"', 'null', '42', '{"name":']) {
      const answer = await raw('POST', '/forums', body, 'application/json');
      expectProblem(answer, 400);
    }
  });

  it('answers 415 for a body that is not JSON', async () => {
    expectProblem(await raw('POST', '/forums', 'name=General', 'text/plain'), 415);
    expectProblem(
      await raw('POST', '/forums', 'name=General', 'application/x-www-form-urlencoded'),
      415,
    );
  });

  it('drops a __proto__ key and keeps the rest', async () => {
    const answer = await raw(
      'POST',
      '/forums',
      '{"name":"ok","__proto__":{"admin":true}}',
      'application/json',
    );
    expect(answer.status).toBe(201);
    expect(answer.json?.name).toBe('ok');
    expect(answer.json).not.toHaveProperty('admin');
  });

  it('refuses strings over the length limits under the field name', async () => {
    const long = await call('POST', '/forums', {
      name: 'n'.repeat(201),
      description: 'd'.repeat(2001),
    });
    expectProblem(long, 422);
    expect(Object.keys(long.json?.errors).sort()).toEqual(['description', 'name']);
    const forum = await forumFactory.create();
    const topic = await call('POST', `/forums/${forum.id}/topics`, { title: 't'.repeat(201) });
    expectProblem(topic, 422);
    expect(Object.keys(topic.json?.errors)).toEqual(['title']);
    const parent = await topicFactory.create({}, { transient: { forum } });
    const post = await call('POST', `/forums/${forum.id}/topics/${parent.guid}/posts`, {
      body: 'b'.repeat(150_001),
      author: 'a'.repeat(101),
    });
    expectProblem(post, 422);
    expect(Object.keys(post.json?.errors).sort()).toEqual(['author', 'body']);
  });

  it("answers 413 for a record over DynamoDB's 400 KB (ItemTooLarge), storing nothing", async () => {
    const forum = await forumFactory.create();
    const topic = await topicFactory.create({}, { transient: { forum } });
    const path = `/forums/${forum.id}/topics/${topic.guid}/posts`;
    // 150,000 characters (within the length limit) of three bytes each: 450 KB.
    const answer = await call('POST', path, { body: '€'.repeat(150_000) });
    expectProblem(answer, 413);
    expect(answer.json?.detail).toMatch(/over the limit of 409600/);
    expect((await call('GET', path)).json?.posts).toEqual([]);
  });

  it('a PATCH with no known field writes nothing and keeps the ETag', async () => {
    const forum = await forumFactory.create({ name: 'Same' });
    log.clear();
    const answer = await call(
      'PATCH',
      `/forums/${forum.id}`,
      { admin: true },
      { 'if-match': '"0"' },
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get('etag')).toBe('"0"');
    const same = await call(
      'PATCH',
      `/forums/${forum.id}`,
      { name: 'Same' },
      { 'if-match': '"0"' },
    );
    expect(same.headers.get('etag')).toBe('"0"');
    expect(log.operations).toEqual(['GetItem', 'GetItem']);
    expect((await Forum.find(forum.id)).lockVersion).toBe(0);
  });
});

describe('preconditions and methods', () => {
  it('requires If-Match to change or delete: 428 when missing, nothing written', async () => {
    const forum = await forumFactory.create({ name: 'Guarded' });
    expectProblem(await call('PATCH', `/forums/${forum.id}`, { name: 'x' }), 428);
    expectProblem(await call('DELETE', `/forums/${forum.id}`), 428);
    const topic = await topicFactory.create({}, { transient: { forum } });
    expectProblem(
      await call('PATCH', `/forums/${forum.id}/topics/${topic.guid}`, { title: 'x' }),
      428,
    );
    expect((await Forum.find(forum.id)).name).toBe('Guarded');
  });

  it('compares If-Match strongly: a weak ETag is refused with 412', async () => {
    const forum = await forumFactory.create({ name: 'Strong' });
    const weak = await call('PATCH', `/forums/${forum.id}`, { name: 'x' }, { 'if-match': 'W/"0"' });
    expectProblem(weak, 412);
    expect(weak.json?.detail).toMatch(/weak ETag/);
    expectProblem(
      await call('PATCH', `/forums/${forum.id}`, { name: 'x' }, { 'if-match': '0' }),
      400,
    );
    const listed = await call(
      'PATCH',
      `/forums/${forum.id}`,
      { name: 'Listed' },
      { 'if-match': '"7", "0"' },
    );
    expect(listed.status).toBe(200);
    expect(listed.headers.get('etag')).toBe('"1"');
  });

  it('answers 304 for a matching If-None-Match, 200 otherwise', async () => {
    const forum = await forumFactory.create();
    const fresh = await call('GET', `/forums/${forum.id}`, undefined, { 'if-none-match': '"0"' });
    expect(fresh.status).toBe(304);
    expect(fresh.headers.get('etag')).toBe('"0"');
    expect(fresh.json).toBeNull();
    expect(
      (await call('GET', `/forums/${forum.id}`, undefined, { 'if-none-match': 'W/"0"' })).status,
    ).toBe(304);
    const changed = await call('GET', `/forums/${forum.id}`, undefined, { 'if-none-match': '"5"' });
    expect(changed.status).toBe(200);
    expect(changed.json?.id).toBe(forum.id);
  });

  it('answers 405 with Allow for a wrong method, 404 for an unknown route, both as problem details', async () => {
    const forum = await forumFactory.create();
    const put = await call('PUT', `/forums/${forum.id}`, { name: 'x' });
    expectProblem(put, 405);
    expect(put.headers.get('allow')).toBe('DELETE, GET, HEAD, PATCH');
    const collection = await call('DELETE', '/forums');
    expectProblem(collection, 405);
    expect(collection.headers.get('allow')).toBe('GET, HEAD, POST');
    expectProblem(await call('GET', '/nowhere'), 404);
    expectProblem(await call('GET', `/forums/${forum.id}/nothing`), 404);
  });
});
