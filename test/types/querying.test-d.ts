// Type tests for the query statics: checked by `tsc`. Each `@ts-expect-error` line must fail
// to compile. Nothing here runs.
import { attr, Table, type Page } from '../../src/index.js';
import { assertType, type Equal } from './support/assert-type.js';

class Post extends Table.schema({
  hashKey: 'blog',
  rangeKey: 'at',
  attributes: { at: attr.datetime(), title: attr.string(), author: attr.string() },
  globalSecondaryIndexes: [{ hashKey: 'author' }],
}) {
  headline(): string {
    return this.title.toUpperCase();
  }
}

export async function checks(): Promise<void> {
  const many = await Post.find([['b', new Date()]]);
  assertType<Equal<typeof many, Post[]>>();
  const one = await Post.find('b', new Date());
  assertType<Equal<typeof one, Post>>();

  const all = await Post.all({ segments: 2 });
  assertType<Equal<typeof all, Post[]>>();
  const each = Post.findEach({ batchSize: 10 });
  assertType<Equal<typeof each, AsyncIterable<Post>>>();

  const queried = await Post.query('b', '>=', new Date(), { limit: 3 });
  assertType<Equal<typeof queried, Post[]>>();
  const queriedEach = Post.queryEach('b');
  assertType<Equal<typeof queriedEach, AsyncIterable<Post>>>();

  const page = await Post.queryPage('b', { limit: 5, after: null });
  assertType<Equal<typeof page, Page<Post>>>();
  assertType<Equal<typeof page.next, string | null>>();

  const global = await Post.findGlobal('author', 'ann');
  assertType<Equal<typeof global, Post[]>>();
  const globalPage = await Post.findGlobalPage('author', 'ann', { limit: 2 });
  assertType<Equal<typeof globalPage.items, Post[]>>();

  const local = await Post.findLocal('blog', 'b', 'at', '>', new Date());
  assertType<Equal<typeof local, Post[]>>();
  const existed = await Post.delete('b', new Date());
  assertType<Equal<typeof existed, boolean>>();
  const count = await Post.count();
  assertType<Equal<typeof count, number>>();

  // @ts-expect-error: not a comparator
  await Post.query('b', 'like', 'x');
  // @ts-expect-error: global indexes cannot be read consistently
  await Post.findGlobal('author', 'ann', { consistent: true });
}
