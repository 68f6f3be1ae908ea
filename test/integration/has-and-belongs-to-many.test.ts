import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AssociationTypeMismatch,
  attr,
  HasManyError,
  RecordNotUnique,
  Table,
  transaction,
  type HasAndBelongsToMany,
} from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { log, client, prefix } = useDynamo();

class Post extends Table.schema({
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { title: attr.string() },
}) {
  static {
    this.hasAndBelongsToMany('tags', () => Tag);
  }
  declare readonly tags: HasAndBelongsToMany<Tag>;
}

class Tag extends Table.schema({
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { name: attr.string() },
}) {
  static {
    this.hasAndBelongsToMany('posts', () => Post);
  }
  declare readonly posts: HasAndBelongsToMany<Post>;
}

beforeAll(async () => {
  await Promise.all([Post.createTable(), Tag.createTable()]);
});

async function link(source: string, target: string) {
  const out = await client.send(
    new GetItemCommand({
      TableName: `${prefix}posts_tags_links`,
      Key: { source: { S: source }, target: { S: target } },
      ConsistentRead: true,
    }),
  );
  return out.Item;
}

const names = (records: { name: string }[]) => records.map((r) => r.name).sort();

describe('hasAndBelongsToMany', () => {
  it('a push on one side writes both directions in one TransactWriteItems, visible from both sides', async () => {
    const post = await Post.createOrThrow({ title: 'Hello' });
    const ruby = await Tag.createOrThrow({ name: 'ruby' });
    log.clear();
    await post.tags.push(ruby);
    expect(log.operations).toEqual(['TransactWriteItems']);
    expect(await link(`posts#${post.id as string}`, ruby.id as string)).toBeDefined();
    expect(await link(`tags#${ruby.id as string}`, post.id as string)).toBeDefined();
    const fresh = await Tag.find(ruby.id);
    log.clear();
    expect((await fresh.posts.load()).map((p) => p.title)).toEqual(['Hello']);
    expect(log.operations).toEqual(['Query', 'BatchGetItem']); // key query + batched read, no scan
    expect(names(await (await Post.find(post.id)).tags.load())).toEqual(['ruby']);
  });

  it('saves new records on push; count, includes, isEmpty, iteration', async () => {
    const post = await Post.createOrThrow({ title: 'Many' });
    const a = await Tag.createOrThrow({ name: 'a' });
    const b = new Tag({ name: 'b' });
    const other = await Tag.createOrThrow({ name: 'other' });
    expect(await post.tags.isEmpty()).toBe(true);
    await post.tags.push(a, b);
    expect(b.isPersisted()).toBe(true);
    const again = await Post.find(post.id);
    expect(await again.tags.count()).toBe(2);
    expect(await again.tags.isEmpty()).toBe(false);
    expect(await again.tags.includes(a)).toBe(true);
    expect(await again.tags.includes(other)).toBe(false);
    const seen: string[] = [];
    for await (const tag of again.tags) seen.push(tag.name);
    expect(seen.sort()).toEqual(['a', 'b']);
    expect(await b.posts.includes(again)).toBe(true);
  });

  it('delete removes the link from both sides, not the records', async () => {
    const post = await Post.createOrThrow({ title: 'Unlink' });
    const a = await Tag.createOrThrow({ name: 'a' });
    const b = await Tag.createOrThrow({ name: 'b' });
    await post.tags.push(a, b);
    await post.tags.load();
    await post.tags.delete(a);
    expect(names(await post.tags.load())).toEqual(['b']);
    expect(names(await post.tags.reload())).toEqual(['b']);
    expect(await a.posts.count()).toBe(0);
    // Another instance's loaded collection is forgotten by reload() of its owner.
    const a2 = await Tag.find(a.id);
    const other = await Post.createOrThrow({ title: 'Other' });
    expect(await a2.posts.load()).toEqual([]);
    await other.tags.push(a);
    expect(await a2.posts.load()).toEqual([]); // cached
    await a2.reload();
    expect((await a2.posts.load()).map((p) => p.title)).toEqual(['Other']);
    expect(await Tag.findByKey(a.id)).not.toBeNull();
  });

  it('destroying either side removes its links from both sides', async () => {
    const post = await Post.createOrThrow({ title: 'Doomed' });
    const keep = await Post.createOrThrow({ title: 'Kept' });
    const tag = await Tag.createOrThrow({ name: 'shared' });
    const lonely = await Tag.createOrThrow({ name: 'lonely' });
    await post.tags.push(tag, lonely);
    await keep.tags.push(tag);
    await post.destroyOrThrow();
    expect((await tag.posts.reload()).map((p) => p.title)).toEqual(['Kept']);
    expect(await lonely.posts.isEmpty()).toBe(true);
    expect(await link(`posts#${post.id as string}`, tag.id as string)).toBeUndefined();
    expect(await link(`tags#${tag.id as string}`, post.id as string)).toBeUndefined();
    // And from the other side.
    await tag.destroyOrThrow();
    expect(await (await Post.find(keep.id)).tags.isEmpty()).toBe(true);
    expect(await link(`posts#${keep.id as string}`, tag.id as string)).toBeUndefined();
  });

  it('inside transaction(): links commit with the rest, or not at all', async () => {
    const post = await Post.createOrThrow({ title: 'Tx' });
    const tag = await Tag.createOrThrow({ name: 'tx' });
    await expect(
      transaction(async () => {
        await post.tags.push(tag);
        await new Post({ id: post.id as string, title: 'duplicate' }).saveOrThrow();
      }),
    ).rejects.toBeInstanceOf(RecordNotUnique);
    expect(await tag.posts.count()).toBe(0);
    await transaction(async () => {
      await post.tags.push(tag);
    });
    expect(await tag.posts.count()).toBe(1);
  });

  it('refuses the wrong class and an unsaved owner', async () => {
    const post = await Post.createOrThrow({ title: 'Strict' });
    await expect(post.tags.push(post as never)).rejects.toBeInstanceOf(AssociationTypeMismatch);
    await expect(
      new Post({ title: 'new' }).tags.push(new Tag({ name: 'x' })),
    ).rejects.toBeInstanceOf(HasManyError);
    expect(await new Post({ title: 'new' }).tags.load()).toEqual([]);
  });
});
