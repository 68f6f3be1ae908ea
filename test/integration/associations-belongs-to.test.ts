import { beforeAll, describe, expect, it } from 'vitest';
import {
  AssociationMustBeUnique,
  AssociationTypeMismatch,
  attr,
  BelongsToError,
  HashKeyMayNotBeNamedId,
  RangeKeyMustNotBeSpecified,
  RecordInvalid,
  Table,
  type ModelInput,
  type BelongsTo,
} from '../../src/index.js';
import { Forum, Post, Topic } from '../../examples/models/forum.js';
import { useDynamo } from '../support/dynamo.js';

const { log } = useDynamo();

// A constructor's parameter is typed by the schema alone, so association inputs are typed
// through ModelInput of the model (as create() and assignAttributes() are).
const newTopic = (input: ModelInput<Topic>) => new Topic(input);

beforeAll(async () => {
  await Promise.all([Forum.createTable(), Topic.createTable(), Post.createTable()]);
});

describe('belongsTo declaration', () => {
  it('makes <name>Id the hash key and the declared hash key the range key', () => {
    expect(Topic.tableHashKey).toBe('forumId');
    expect(Topic.tableRangeKey).toBe('guid');
    expect(Object.keys(Topic.fields).slice(0, 4)).toEqual(['forumId', 'guid', 'title', 'views']);
    expect(Topic.fields['forumId']?.type).toBe('string');
    expect(Post.tableHashKey).toBe('topicId');
    expect(Post.tableRangeKey).toBe('guid');
  });

  it('throws RangeKeyMustNotBeSpecified when a range key was declared', () => {
    expect(() => {
      class Ranged extends Table.schema({ hashKey: 'guid', rangeKey: 'at', attributes: {} }) {
        static {
          this.belongsTo('forum', () => Forum);
        }
      }
      void Ranged;
    }).toThrow(RangeKeyMustNotBeSpecified);
  });

  it('throws HashKeyMayNotBeNamedId when the hash key is id', () => {
    expect(() => {
      class Plain extends Table.schema({ attributes: { name: attr.string() } }) {
        static {
          this.belongsTo('forum', () => Forum);
        }
      }
      void Plain;
    }).toThrow(HashKeyMayNotBeNamedId);
  });

  it('throws AssociationMustBeUnique on a second belongsTo, also from a subclass', () => {
    expect(() => {
      class Twice extends Table.schema({ hashKey: 'guid', attributes: {} }) {
        static {
          this.belongsTo('forum', () => Forum);
          this.belongsTo('topic', () => Topic);
        }
      }
      void Twice;
    }).toThrow(AssociationMustBeUnique);
    expect(() => {
      class SpecialTopic extends Topic {
        static {
          this.belongsTo('post', () => Post);
        }
      }
      void SpecialTopic;
    }).toThrow(AssociationMustBeUnique);
    // The three are BelongsToErrors.
    expect(new AssociationMustBeUnique('x')).toBeInstanceOf(BelongsToError);
  });

  it('relatesTo names the relation in both directions, null when unrelated', () => {
    expect(Forum.relatesTo(Topic)).toBe('hasMany');
    expect(Topic.relatesTo(Forum)).toBe('belongsTo');
    expect(Topic.relatesTo(Post)).toBe('hasMany');
    expect(Post.relatesTo(Topic)).toBe('belongsTo');
    expect(Forum.relatesTo(Post)).toBeNull();
    expect(Post.relatesTo(Forum)).toBeNull();
  });
});

describe('the parent reference', () => {
  it('reads null until set, and get/set like an attribute', () => {
    const topic = new Topic({ title: 'x' });
    expect(topic.forumId).toBeNull();
    expect(topic.attributes['forumId']).toBeNull();
    topic.forumId = 'abc';
    expect(topic.forumId).toBe('abc');
    expect(topic.readAttribute('forumId')).toBe('abc');
    topic.forumId = '';
    expect(topic.forumId).toBeNull();
  });

  it('rejects a non-string id with AssociationTypeMismatch naming model and attribute', () => {
    const topic = new Topic();
    expect(() => {
      (topic as { forumId: unknown }).forumId = 42;
    }).toThrow(/Topic\.forumId.*42/);
    expect(() => topic.writeAttribute('forumId', { id: 'x' })).toThrow(AssociationTypeMismatch);
  });

  it('is set from a parent instance by the constructor and assignAttributes', async () => {
    const forum = await Forum.createOrThrow({ name: 'General' });
    const topic = newTopic({ forum, title: 'Hello' });
    expect(topic.forumId).toBe(forum.id);
    const other = await Forum.createOrThrow({ name: 'Other' });
    topic.assignAttributes({ forum: other });
    expect(topic.forumId).toBe(other.id);
    topic.assignAttributes({ forum: null });
    expect(topic.forumId).toBeNull();
  });

  it('throws AssociationTypeMismatch for an instance of the wrong class or an id string', async () => {
    const post = new Post({ body: 'b' });
    expect(() => newTopic({ forum: post as never })).toThrow(AssociationTypeMismatch);
    expect(() => newTopic({ forum: post as never })).toThrow(
      /Topic\.forum takes a Forum, not a Post/,
    );
    expect(() => newTopic({ forum: 'some-id' as never })).toThrow(AssociationTypeMismatch);
  });

  it('must be present: save fails with "can\'t be blank" and sends nothing', async () => {
    log.clear();
    const topic = new Topic({ title: 'orphan' });
    expect(await topic.save()).toBe(false);
    expect(topic.errors.get('forumId')).toEqual(["can't be blank"]);
    await expect(Topic.createOrThrow({ title: 'orphan' })).rejects.toThrow(RecordInvalid);
    expect(log.operations).toEqual([]);
  });

  it('gets a generated UUID in the range key on create, and is stored under the parent id', async () => {
    const forum = await Forum.createOrThrow({ name: 'Keys' });
    log.clear();
    const topic = await Topic.createOrThrow({ forum, title: 'T' });
    expect(log.operations).toEqual(['PutItem']);
    expect(topic.guid).toMatch(/^[0-9a-f-]{36}$/);
    const item = (log.inputs[0] as { Item: Record<string, unknown> }).Item;
    expect(item['forumId']).toEqual({ S: forum.id });
    expect(item['guid']).toEqual({ S: topic.guid });
    expect(topic.toKey()).toEqual([forum.id, topic.guid]);
    const found = await Topic.find(forum.id, topic.guid);
    expect(found.title).toBe('T');
    expect(found.forumId).toBe(forum.id);
  });

  it('cannot be changed on a persisted child (it is the hash key)', async () => {
    const forum = await Forum.createOrThrow({ name: 'Fixed' });
    const topic = await Topic.createOrThrow({ forum, title: 'T' });
    expect(() => {
      topic.forumId = 'elsewhere';
    }).toThrow(/part of the primary key/);
  });
});

describe('loading the parent', () => {
  it('reads it with one consistent GetItem, then answers from the cache; reload refetches', async () => {
    const forum = await Forum.createOrThrow({ name: 'Loaded' });
    const created = await Topic.createOrThrow({ forum, title: 'T' });
    const topic = await Topic.find(forum.id, created.guid);
    log.clear();
    const parent = await topic.forum();
    expect(parent).toBeInstanceOf(Forum);
    expect(parent?.name).toBe('Loaded');
    expect(log.operations).toEqual(['GetItem']);
    expect((log.inputs[0] as { ConsistentRead?: boolean }).ConsistentRead).toBe(true);
    expect(await topic.forum()).toBe(parent);
    expect(log.operations).toEqual(['GetItem']);
    await Forum.find(forum.id).then((f) => f.update({ name: 'Renamed' }));
    log.clear();
    expect((await topic.forum())?.name).toBe('Loaded');
    const reloaded = await topic.forum({ reload: true });
    expect(reloaded?.name).toBe('Renamed');
    expect(log.operations).toEqual(['GetItem']);
  });

  it('answers the assigned instance without a request, and null when unset or dangling', async () => {
    const forum = await Forum.createOrThrow({ name: 'Assigned' });
    const topic = newTopic({ forum });
    log.clear();
    expect(await topic.forum()).toBe(forum);
    expect(await new Topic().forum()).toBeNull();
    expect(log.operations).toEqual([]);
    const dangling = new Topic({ title: 'x' });
    dangling.forumId = 'no-such-forum';
    expect(await dangling.forum()).toBeNull();
    expect(log.operations).toEqual(['GetItem']);
  });

  it('follows a changed reference instead of the cache', async () => {
    const a = await Forum.createOrThrow({ name: 'A' });
    const b = await Forum.createOrThrow({ name: 'B' });
    const topic = newTopic({ forum: a });
    topic.forumId = b.id;
    expect((await topic.forum())?.name).toBe('B');
  });
});

describe('compositeKey: true', () => {
  it('stores "<parentHash>:<parentRange>" and finds the parent by both keys', async () => {
    const forum = await Forum.createOrThrow({ name: 'Composite' });
    const topic = await Topic.createOrThrow({ forum, title: 'T' });
    const post = await Post.createOrThrow({ topic, body: 'first' });
    expect(post.topicId).toBe(`${forum.id}:${topic.guid}`);
    const read = await Post.find(post.topicId, post.guid);
    log.clear();
    const parent = await read.topic();
    expect(log.operations).toEqual(['GetItem']);
    expect(log.inputs[0]).toMatchObject({
      Key: { forumId: { S: forum.id }, guid: { S: topic.guid } },
      ConsistentRead: true,
    });
    expect(parent?.equals(topic)).toBe(true);
    expect(parent?.title).toBe('T');
  });

  it('needs a parent with a range key', () => {
    class Flat extends Table.schema({ hashKey: 'guid', attributes: {} }) {
      static {
        this.belongsTo('forum', () => Forum, { compositeKey: true });
      }
      declare forum: BelongsTo<Forum>;
    }
    expect(() => new Flat({ forum: new Forum({ name: 'x' }) } as ModelInput<Flat>)).toThrow(
      /needs Forum to have a range key/,
    );
  });
});

it('sent no Scan in this whole file', () => {
  expect(log.count()).toBeGreaterThan(0);
  expect(log.count('Scan')).toBe(0);
});
