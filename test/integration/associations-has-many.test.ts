import { beforeAll, describe, expect, it } from 'vitest';
import {
  AssociationTypeMismatch,
  attr,
  CollectionProxy,
  HasManyError,
  InvalidCursor,
  RecordInvalid,
  RecordNotFound,
  Table,
  type ModelInput,
  type HasMany,
} from '../../src/index.js';
import { Forum, Post, Topic } from '../../examples/models/forum.js';
import { useDynamo } from '../support/dynamo.js';

const { log } = useDynamo();

// A constructor's parameter is typed by the schema alone, so association inputs are typed
// through ModelInput of the model (as create() and assignAttributes() are).
const newTopic = (input: ModelInput<Topic>) => new Topic(input);

class Board extends Table.schema({ readCapacityUnits: 1, writeCapacityUnits: 1, attributes: {} }) {
  static {
    this.hasMany('notes', () => Note);
  }
  declare readonly notes: HasMany<Note>;
}
class Note extends Table.schema({
  hashKey: 'guid',
  readCapacityUnits: 1,
  writeCapacityUnits: 1,
  attributes: { body: attr.string() },
}) {
  static {
    this.belongsTo('board', () => Board);
    this.validates('body', { presence: true });
  }
  declare boardId: string | null;
}

beforeAll(async () => {
  await Promise.all([
    Forum.createTable(),
    Topic.createTable(),
    Post.createTable(),
    Board.createTable(),
    Note.createTable(),
  ]);
});

/** A forum with topics whose guids are given, so range key order is known. */
async function forumWith(guids: string[]): Promise<Forum> {
  const forum = await Forum.createOrThrow({ name: 'F' });
  for (const guid of guids) await forum.topics.createOrThrow({ guid, title: `title ${guid}` });
  forum.topics.reset();
  return forum;
}

describe('a new (unsaved) parent', () => {
  it('has an empty collection and sends no request', async () => {
    const forum = new Forum({ name: 'new' });
    log.clear();
    expect(await forum.topics.load()).toEqual([]);
    expect(await forum.topics.count()).toBe(0);
    expect(await forum.topics.isEmpty()).toBe(true);
    expect(await forum.topics.any()).toBe(false);
    expect(await forum.topics.first()).toBeNull();
    expect(await forum.topics.last()).toBeNull();
    expect(await forum.topics.page({ limit: 2 })).toEqual({ items: [], next: null });
    const seen: Topic[] = [];
    for await (const topic of forum.topics) seen.push(topic);
    expect(seen).toEqual([]);
    await expect(forum.topics.find('x')).rejects.toThrow(RecordNotFound);
    expect(await forum.topics.deleteAll()).toBe(0);
    expect(log.operations).toEqual([]);
  });

  it('builds children but cannot create or push before it is saved', async () => {
    const forum = new Forum({ name: 'new' });
    const topic = forum.topics.build({ title: 'draft' });
    expect(topic).toBeInstanceOf(Topic);
    expect(topic.isNewRecord()).toBe(true);
    await expect(forum.topics.create({ title: 'x' })).rejects.toThrow(HasManyError);
    await expect(forum.topics.push(new Topic({ title: 'x' }))).rejects.toThrow(
      /before the Forum is saved/,
    );
  });
});

describe('reading', () => {
  it('is the same proxy on every access of one instance, another for another instance', async () => {
    const forum = await Forum.createOrThrow({ name: 'F' });
    expect(forum.topics).toBe(forum.topics);
    expect(forum.topics).toBeInstanceOf(CollectionProxy);
    const again = await Forum.find(forum.id);
    expect(again.topics).not.toBe(forum.topics);
  });

  it('loads the children with one consistent Query and caches them until reload', async () => {
    const forum = await forumWith(['b', 'a', 'c']);
    await forumWith(['a', 'z']); // another forum's topics are not ours
    log.clear();
    const topics = await forum.topics.load();
    expect(topics.map((t) => t.guid)).toEqual(['a', 'b', 'c']);
    expect(topics.every((t) => t instanceof Topic && t.isPersisted())).toBe(true);
    expect(log.operations).toEqual(['Query']);
    expect(log.inputs[0]).toMatchObject({ ConsistentRead: true });
    expect((await forum.topics.toArray()).map((t) => t.guid)).toEqual(['a', 'b', 'c']);
    expect(log.operations).toEqual(['Query']);
    await Topic.createOrThrow({ forum, guid: 'd', title: 'late' });
    expect(await forum.topics.load()).toHaveLength(3);
    log.clear();
    expect((await forum.topics.reload()).map((t) => t.guid)).toEqual(['a', 'b', 'c', 'd']);
    expect(log.operations).toEqual(['Query']);
  });

  it('forgets the cache when the parent is reloaded', async () => {
    const forum = await forumWith(['a']);
    await forum.topics.load();
    await Topic.createOrThrow({ forum, guid: 'b', title: 'late' });
    await forum.reload();
    expect(await forum.topics.load()).toHaveLength(2);
  });

  it('iterates page by page with for await', async () => {
    const forum = await forumWith(['1', '2', '3', '4', '5']);
    const seen: string[] = [];
    log.clear();
    for await (const topic of forum.topics.limit(5)) seen.push(topic.guid);
    expect(seen).toEqual(['1', '2', '3', '4', '5']);
    expect(log.operations).toEqual(['Query']);
    const reversed: string[] = [];
    for await (const topic of forum.topics.reverse()) reversed.push(topic.guid);
    expect(reversed).toEqual(['5', '4', '3', '2', '1']);
  });

  it('finds a child by its own id with one GetItem, and only under this parent', async () => {
    const forum = await forumWith(['a', 'b']);
    const other = await forumWith(['c']);
    log.clear();
    const found = await forum.topics.find('b');
    expect(found.title).toBe('title b');
    expect(log.operations).toEqual(['GetItem']);
    await expect(forum.topics.find('c')).rejects.toThrow(RecordNotFound);
    expect((await other.topics.find('c')).guid).toBe('c');
  });

  it('first and last are one Query of one item each, in range key order', async () => {
    const forum = await forumWith(['m', 'a', 'z']);
    log.clear();
    expect((await forum.topics.first())?.guid).toBe('a');
    expect((await forum.topics.last())?.guid).toBe('z');
    expect(log.operations).toEqual(['Query', 'Query']);
    expect(log.inputs[0]).toMatchObject({ Limit: 1 });
    expect(log.inputs[1]).toMatchObject({ Limit: 1, ScanIndexForward: false });
    expect((await forum.topics.reverse().first())?.guid).toBe('z');
    expect((await forum.topics.where('<', 'n').last())?.guid).toBe('m');
  });

  it('count always asks DynamoDB with Select COUNT', async () => {
    const forum = await forumWith(['a', 'b', 'c']);
    await forum.topics.load();
    log.clear();
    expect(await forum.topics.count()).toBe(3);
    expect(log.operations).toEqual(['Query']);
    expect(log.inputs[0]).toMatchObject({ Select: 'COUNT' });
    expect(await forum.topics.where('>', 'a').count()).toBe(2);
    expect(await forum.topics.limit(2).count()).toBe(2);
  });

  it('isEmpty/any use the loaded array, else one Query of one item', async () => {
    const forum = await forumWith(['a']);
    const empty = await forumWith([]);
    log.clear();
    expect(await forum.topics.any()).toBe(true);
    expect(await empty.topics.isEmpty()).toBe(true);
    expect(log.operations).toEqual(['Query', 'Query']);
    expect(log.inputs[0]).toMatchObject({ Limit: 1 });
    await forum.topics.load();
    log.clear();
    expect(await forum.topics.isEmpty()).toBe(false);
    expect(await forum.topics.any()).toBe(true);
    expect(log.operations).toEqual([]);
  });

  it('includes uses the loaded array, else one GetItem (none for a stranger)', async () => {
    const forum = await forumWith(['a', 'b']);
    const other = await forumWith(['a']);
    const mine = await Topic.find(forum.id, 'a');
    const theirs = await Topic.find(other.id, 'a');
    log.clear();
    expect(await forum.topics.includes(mine)).toBe(true);
    expect(log.operations).toEqual(['GetItem']);
    expect(await forum.topics.includes(theirs)).toBe(false);
    expect(await forum.topics.includes(newTopic({ forum, guid: 'a' }))).toBe(false);
    expect(log.operations).toEqual(['GetItem']);
    expect(await forum.topics.where('>', 'a').includes(mine)).toBe(false);
    expect(log.operations).toEqual(['GetItem']);
    await mine.delete();
    expect(await forum.topics.includes(mine)).toBe(false);
    await forum.topics.load();
    log.clear();
    const b = await Topic.find(forum.id, 'b');
    expect(await forum.topics.includes(b)).toBe(true);
    expect(log.operations).toEqual(['GetItem']); // the find above; includes itself sent nothing
  });
});

describe('narrowing', () => {
  it('where/beginsWith/limit/reverse return new immutable proxies with their own caches', async () => {
    const forum = await forumWith(['2024-01', '2024-02', '2025-01', '2025-02', '2025-03']);
    const base = forum.topics;
    const in2025 = base.beginsWith('2025');
    expect(in2025).not.toBe(base);
    expect((await in2025.load()).map((t) => t.guid)).toEqual(['2025-01', '2025-02', '2025-03']);
    expect((await in2025.reverse().limit(2).load()).map((t) => t.guid)).toEqual([
      '2025-03',
      '2025-02',
    ]);
    expect((await base.where('between', ['2024-02', '2025-01']).load()).map((t) => t.guid)).toEqual(
      ['2024-02', '2025-01'],
    );
    expect((await base.where('>=', '2025-02').load()).map((t) => t.guid)).toEqual([
      '2025-02',
      '2025-03',
    ]);
    expect(await base.load()).toHaveLength(5);
    expect(await in2025.load()).toHaveLength(3);
    expect(() => in2025.where('>', 'x')).toThrow(HasManyError);
    expect(() => base.limit(0)).toThrow(HasManyError);
  });

  it('pages with { limit, after } and opaque cursors', async () => {
    const forum = await forumWith(['a', 'b', 'c', 'd', 'e']);
    const first = await forum.topics.page({ limit: 2 });
    expect(first.items.map((t) => t.guid)).toEqual(['a', 'b']);
    expect(first.next).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = await forum.topics.page({ limit: 2, after: first.next });
    expect(second.items.map((t) => t.guid)).toEqual(['c', 'd']);
    const third = await forum.topics.page({ limit: 2, after: second.next });
    expect(third.items.map((t) => t.guid)).toEqual(['e']);
    expect(third.next).toBeNull();
    const other = await forumWith(['x']);
    await expect(other.topics.page({ limit: 2, after: first.next })).rejects.toThrow(InvalidCursor);
    const back = await forum.topics.reverse().page({ limit: 3 });
    expect(back.items.map((t) => t.guid)).toEqual(['e', 'd', 'c']);
  });
});

describe('writing', () => {
  it('build sets the parent and joins the loaded array; create/createOrThrow save with the parent set', async () => {
    const forum = await forumWith(['a']);
    await forum.topics.load();
    const built = forum.topics.build({ title: 'draft' });
    expect(built.forumId).toBe(forum.id);
    expect(built.isNewRecord()).toBe(true);
    expect(await forum.topics.load()).toHaveLength(2);
    log.clear();
    const created = await forum.topics.create({ title: 'saved' });
    expect(created.isPersisted()).toBe(true);
    expect(created.forumId).toBe(forum.id);
    expect(log.operations).toEqual(['PutItem']);
    expect((await forum.topics.reload()).map((t) => t.title).sort()).toEqual(['saved', 'title a']);
    const viaThrow = await forum.topics.createOrThrow({ title: 'thrown' });
    expect((await Topic.find(forum.id, viaThrow.guid)).title).toBe('thrown');
  });

  it('create resolves to the unsaved child when invalid, createOrThrow throws RecordInvalid', async () => {
    const board = await Board.createOrThrow({});
    log.clear();
    const note = await board.notes.create({});
    expect(note.isNewRecord()).toBe(true);
    expect(note.errors.get('body')).toEqual(["can't be blank"]);
    await expect(board.notes.createOrThrow({})).rejects.toThrow(RecordInvalid);
    expect(log.operations).toEqual([]);
    expect((await board.notes.createOrThrow({ body: 'ok' })).boardId).toBe(board.id);
  });

  it('push sets the parent of new children and saves them; rejects other classes', async () => {
    const forum = await forumWith([]);
    await forum.topics.load();
    const topic = new Topic({ title: 'pushed' });
    log.clear();
    expect(await forum.topics.push(topic)).toBeUndefined();
    expect(topic.forumId).toBe(forum.id);
    expect(topic.isPersisted()).toBe(true);
    expect(log.operations).toEqual(['PutItem']);
    expect(await forum.topics.load()).toHaveLength(1);
    await expect(forum.topics.push(new Post() as never)).rejects.toThrow(AssociationTypeMismatch);
  });

  it('push moves a child of another parent: written under the new key, deleted under the old, in one transaction', async () => {
    const from = await forumWith(['m']);
    const to = await forumWith([]);
    const topic = await Topic.find(from.id, 'm');
    topic.title = 'moved';
    log.clear();
    await to.topics.push(topic);
    expect(log.operations).toEqual(['TransactWriteItems']);
    const { TransactItems } = log.inputs[0] as {
      TransactItems: { Delete?: { ConditionExpression?: string } }[];
    };
    expect(TransactItems.map((item) => Object.keys(item)[0])).toEqual(['Put', 'Delete']);
    // The old item goes only under its lock.
    expect(TransactItems[1]!.Delete!.ConditionExpression).toMatch(/#n\d = :v\d/);
    expect(topic.forumId).toBe(to.id);
    expect(topic.isChanged()).toBe(false);
    expect(await from.topics.count()).toBe(0);
    expect((await to.topics.find('m')).title).toBe('moved');
  });

  it('delete removes given children without callbacks, destroy with them', async () => {
    const forum = await forumWith(['a', 'b', 'c']);
    const [a, b] = await forum.topics.load();
    // Topic destroys its posts in a before-destroy callback: whether they survive shows whether it ran.
    const postOfA = await a!.posts.createOrThrow({ body: 'of a' });
    const postOfB = await b!.posts.createOrThrow({ body: 'of b' });
    log.clear();
    await forum.topics.delete(a!);
    expect(log.operations).toEqual(['DeleteItem']);
    expect(a!.isDestroyed()).toBe(true);
    expect(await Post.findByKey(postOfA.topicId, postOfA.guid)).not.toBeNull();
    expect((await forum.topics.load()).map((t) => t.guid)).toEqual(['b', 'c']);
    expect(await forum.topics.destroy(b!)).toBe(true);
    expect(await Post.findByKey(postOfB.topicId, postOfB.guid)).toBeNull();
    expect((await forum.topics.load()).map((t) => t.guid)).toEqual(['c']);
    expect((await forum.topics.reload()).map((t) => t.guid)).toEqual(['c']);
    const stranger = await Topic.find((await forumWith(['z'])).id, 'z');
    await expect(forum.topics.delete(stranger)).rejects.toThrow(HasManyError);
  });

  it('deleteAll batch-deletes (narrowed, too) and destroyAll destroys every child', async () => {
    const forum = await forumWith(['a1', 'a2', 'b1', 'b2', 'b3']);
    log.clear();
    expect(await forum.topics.beginsWith('a').deleteAll()).toBe(2);
    expect(log.operations).toEqual(['Query', 'BatchWriteItem']);
    expect((await forum.topics.load()).map((t) => t.guid)).toEqual(['b1', 'b2', 'b3']);
    expect(await forum.topics.destroyAll()).toBe(3);
    expect(await forum.topics.count()).toBe(0);
    expect(await forum.topics.load()).toEqual([]);
  });

  it('deleteAll handles more children than one batch holds', async () => {
    const forum = await Forum.createOrThrow({ name: 'Big' });
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        forum.topics.createOrThrow({ guid: `g${String(i).padStart(2, '0')}` }),
      ),
    );
    log.clear();
    expect(await forum.topics.deleteAll()).toBe(30);
    expect(log.count('BatchWriteItem')).toBe(2);
    expect(await forum.topics.count()).toBe(0);
  });

  it('replace saves the given children under the parent and destroys the rest', async () => {
    const forum = await forumWith(['keep', 'drop1', 'drop2']);
    const keep = await forum.topics.find('keep');
    keep.title = 'kept';
    const fresh = new Topic({ guid: 'fresh', title: 'new one' });
    await forum.topics.replace([keep, fresh]);
    expect((await forum.topics.load()).map((t) => [t.guid, t.title])).toEqual([
      ['fresh', 'new one'],
      ['keep', 'kept'],
    ]);
  });
});

it('sent no Scan in this whole file', () => {
  expect(log.count()).toBeGreaterThan(0);
  expect(log.count('Scan')).toBe(0);
});
