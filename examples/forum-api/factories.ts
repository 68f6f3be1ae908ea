/**
 * Test data with fishery: `build()` makes unsaved records, `create()` saves them through the
 * model's own validations and callbacks, as FactoryGirl did for the Ruby gem.
 *
 * ```ts
 * const forum = await forumFactory.create({ name: 'General' });
 * const topics = await topicFactory.createList(3, {}, { transient: { forum } });
 * ```
 */
import { Factory } from 'fishery';
import { Forum, Post, Topic } from '../models/forum.js';

export const forumFactory = Factory.define<Forum>(({ sequence, onCreate }) => {
  onCreate(async (forum) => {
    await forum.saveOrThrow();
    return forum;
  });
  return new Forum({ name: `Forum ${sequence}`, description: 'Made by a factory' });
});

/** `transient: { forum }` puts the topic in that forum; without it, in a new one. */
export const topicFactory = Factory.define<Topic, { forum?: Forum }>(
  ({ sequence, transientParams, onCreate }) => {
    onCreate(async (topic) => {
      if (topic.forumId === null) topic.forumId = (await forumFactory.create()).id;
      await topic.saveOrThrow();
      return topic;
    });
    const topic = new Topic({ title: `Topic ${sequence}` });
    if (transientParams.forum) topic.forumId = transientParams.forum.id;
    return topic;
  },
);

/** `transient: { topic }` puts the post under that topic; without it, under a new one. */
export const postFactory = Factory.define<Post, { topic?: Topic }>(
  ({ sequence, transientParams, onCreate }) => {
    onCreate(async (post) => {
      if (post.topicId === null) post.assignAttributes({ topic: await topicFactory.create() });
      await post.saveOrThrow();
      return post;
    });
    const topic = transientParams.topic;
    return new Post({
      body: `Post number ${sequence}`,
      author: 'factory',
      ...(topic ? { topic } : {}),
    });
  },
);
