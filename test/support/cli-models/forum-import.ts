// The forum models an import fills from a relational forums/topics/posts schema.
import { attr, Table, type BelongsTo, type HasMany } from '../../../src/index.js';

export class Forum extends Table.schema({
  tableName: 'forums',
  create: true,
  billingMode: 'PAY_PER_REQUEST',
  attributes: { name: attr.string(), description: attr.string(), open: attr.boolean() },
}) {
  static {
    this.hasMany('topics', () => Topic);
    this.validates('name', { presence: true });
  }
  declare readonly topics: HasMany<Topic>;
}

export class Topic extends Table.schema({
  hashKey: 'guid',
  tableName: 'topics',
  create: true,
  billingMode: 'PAY_PER_REQUEST',
  attributes: { title: attr.string(), views: attr.integer({ default: 0 }) },
}) {
  static {
    this.belongsTo('forum', () => Forum);
    this.hasMany('posts', () => Post);
  }
  declare forum: BelongsTo<Forum>;
  declare forumId: string | null;
  declare readonly posts: HasMany<Post>;
}

export class Post extends Table.schema({
  hashKey: 'guid',
  tableName: 'posts',
  create: true,
  billingMode: 'PAY_PER_REQUEST',
  attributes: { body: attr.string(), author: attr.string(), score: attr.float() },
}) {
  static {
    this.belongsTo('topic', () => Topic, { compositeKey: true });
    this.validates('body', { presence: true });
  }
  declare topic: BelongsTo<Topic>;
  declare topicId: string | null;
}
