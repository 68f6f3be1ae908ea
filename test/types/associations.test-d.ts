// Association types: checked by `tsc` (npm run typecheck). Each `@ts-expect-error` line must
// fail to compile, or tsc reports the directive as unused.
import { CollectionProxy, type HasMany, type Page } from '../../src/index.js';
import { Forum, Post, Topic } from '../../examples/models/forum.js';

export async function checks(): Promise<void> {
  const forum = await Forum.create({ name: 'General' });

  // The collection is typed by its child model.
  const topics: HasMany<Topic> = forum.topics;
  const proxy: CollectionProxy<Topic> = topics;
  const loaded: Topic[] = await forum.topics.load();
  const first: Topic | null = await forum.topics.first();
  const found: Topic = await forum.topics.find('guid');
  const built: Topic = forum.topics.build({ title: 't', views: 3 });
  const created: Topic = await forum.topics.create({ title: 't' });
  const page: Page<Topic> = await forum.topics
    .beginsWith('2025')
    .reverse()
    .limit(5)
    .page({ limit: 2, after: null });
  const count: number = await forum.topics.where('>=', 'm').count();
  for await (const topic of forum.topics) {
    const title: string = topic.title;
    void title;
  }
  void [proxy, loaded, first, found, built, created, page, count];
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
  const parent: Forum | null = await topic.forum();
  const again: Forum | null = await topic.forum({ reload: true });
  const reference: string | null = topic.forumId;
  const post = await Post.create({ topic, body: 'b' });
  const grandparent: Topic | null = await post.topic();
  void [parent, again, reference, grandparent];
  // @ts-expect-error a Post is not a Forum
  await Topic.create({ forum: post });
  // @ts-expect-error the loader resolves to a Forum, not a Post
  const notPost: Post | null = await topic.forum();
  void notPost;

  // relatesTo answers one of three.
  const relation: 'hasMany' | 'belongsTo' | null = Forum.relatesTo(Topic);
  void relation;
}
