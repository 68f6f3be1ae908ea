// Association types: checked by `tsc` (npm run typecheck). Each `@ts-expect-error` line must
// fail to compile, or tsc reports the directive as unused.
import { CollectionProxy, type HasMany, type Page } from '../../src/index.js';
import { Forum, Post, Topic } from '../../examples/models/forum.js';
import { assertType, type Equal } from './support/assert-type.js';

export async function checks(): Promise<void> {
  const forum = await Forum.create({ name: 'General' });

  // The collection is typed by its child model.
  assertType<Equal<typeof forum.topics, HasMany<Topic>>>();
  assertType<Equal<HasMany<Topic>, CollectionProxy<Topic>>>();
  const loaded = await forum.topics.load();
  assertType<Equal<typeof loaded, Topic[]>>();
  const first = await forum.topics.first();
  assertType<Equal<typeof first, Topic | null>>();
  const found = await forum.topics.find('guid');
  assertType<Equal<typeof found, Topic>>();
  const built = forum.topics.build({ title: 't', views: 3 });
  assertType<Equal<typeof built, Topic>>();
  const created = await forum.topics.create({ title: 't' });
  assertType<Equal<typeof created, Topic>>();
  const page = await forum.topics
    .beginsWith('2025')
    .reverse()
    .limit(5)
    .page({ limit: 2, after: null });
  assertType<Equal<typeof page, Page<Topic>>>();
  const count = await forum.topics.where('>=', 'm').count();
  assertType<Equal<typeof count, number>>();
  for await (const topic of forum.topics) assertType<Equal<typeof topic, Topic>>();
  // @ts-expect-error the collection holds Topics, not Posts
  const wrong: Post[] = await forum.topics.load();
  // @ts-expect-error a misspelt attribute in build
  forum.topics.build({ titel: 't' });
  // @ts-expect-error an unknown comparator
  forum.topics.where('~', 'x');
  // @ts-expect-error the collection is read-only
  forum.topics = forum.topics;
  void wrong;

  // The parent loader is typed, and a parent instance is accepted on creation.
  const topic = await Topic.create({ forum, title: 'Hello' });
  const parent = await topic.forum();
  assertType<Equal<typeof parent, Forum | null>>();
  const again = await topic.forum({ reload: true });
  assertType<Equal<typeof again, Forum | null>>();
  assertType<Equal<typeof topic.forumId, string | null>>();
  const post = await Post.create({ topic, body: 'b' });
  const grandparent = await post.topic();
  assertType<Equal<typeof grandparent, Topic | null>>();
  // @ts-expect-error a Post is not a Forum
  await Topic.create({ forum: post });
  // @ts-expect-error the loader resolves to a Forum, not a Post
  const notPost: Post | null = await topic.forum();
  void notPost;

  // relatesTo answers one of the three kinds, or null.
  const relation = Forum.relatesTo(Topic);
  assertType<Equal<typeof relation, 'belongsTo' | 'hasMany' | 'hasAndBelongsToMany' | null>>();
}
