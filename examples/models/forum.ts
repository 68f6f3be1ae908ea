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
import { attr, Table, type BelongsTo, type HasMany } from '../../src/index.js';

export class Forum extends Table.schema({
  attributes: { name: attr.string(), description: attr.string() },
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
}) {
  static {
    this.hasMany('topics', () => Topic, { dependent: 'destroy' });
    this.validates('name', { presence: true });
  }
  declare readonly topics: HasMany<Topic>;
}

export class Topic extends Table.schema({
  hashKey: 'guid',
  attributes: { title: attr.string(), views: attr.integer({ default: 0 }) },
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
}) {
  static {
    this.belongsTo('forum', () => Forum);
    this.hasMany('posts', () => Post, { dependent: 'destroy' });
  }
  declare forum: BelongsTo<Forum>;
  declare forumId: string | null;
  declare readonly posts: HasMany<Post>;
}

export class Post extends Table.schema({
  hashKey: 'guid',
  attributes: { body: attr.string(), author: attr.string() },
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
}) {
  static {
    this.belongsTo('topic', () => Topic, { compositeKey: true });
  }
  declare topic: BelongsTo<Topic>;
  declare topicId: string | null;
}
