/**
 * Forum → Topic → Post: three levels of `belongsTo`/`hasMany`, each table keyed by its
 * parent, so every read below the forum is a key query or a GetItem, never a scan.
 *
 * - Forum: hash key `id`.
 * - Topic: hash key `forumId`, range key `guid` (generated on create).
 * - Post:  hash key `topicId` = `"<topic.forumId>:<topic.guid>"` (`compositeKey: true`, since
 *   a topic is found by both its keys), range key `guid`.
 *
 * Destroying a forum destroys its topics, and each topic its posts, with their callbacks.
 */
import { attr, Table, type HasMany } from '../../src/index.js';

export class Forum extends Table.schema({
  attributes: {
    name: attr.string(),
    description: attr.string(),
    // Every forum holds the same value: the global index on it lists forums by name a page
    // at a time, one Query each, where listing the table would scan it.
    directory: attr.string({ default: 'forums' }),
  },
  globalSecondaryIndexes: [{ hashKey: 'directory', rangeKey: 'name', projection: 'all' }],
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
}) {
  /** The `directory` value every forum holds. */
  static readonly DIRECTORY = 'forums';
  static {
    this.hasMany('topics', () => Topic, { dependent: 'destroy' });
    this.validates('name', { presence: true, length: { maximum: 200 } });
    this.validates('description', { length: { maximum: 2_000 } });
  }
  declare readonly topics: HasMany<Topic>;
}

export class Topic extends Table.schema({
  hashKey: 'guid',
  // Typed from here: topic.forumId, topic.id (the forum's id), topic.forum(), { forum } on create.
  belongsTo: { name: 'forum', model: () => Forum },
  attributes: { title: attr.string(), views: attr.integer({ default: 0 }) },
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
}) {
  static {
    this.hasMany('posts', () => Post, { dependent: 'destroy' });
    this.validates('title', { length: { maximum: 200 } });
  }
  declare readonly posts: HasMany<Post>;
}

export class Post extends Table.schema({
  hashKey: 'guid',
  belongsTo: { name: 'topic', model: () => Topic, compositeKey: true },
  attributes: { body: attr.string(), author: attr.string() },
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
}) {
  static {
    // Characters, not bytes: a body of many-byte characters can still pass 400 KB (the
    // service answers 413).
    this.validates('body', { length: { maximum: 150_000 } });
    this.validates('author', { length: { maximum: 100 } });
  }
}
