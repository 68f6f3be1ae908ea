/**
 * Request economy: what each operation costs in DynamoDB requests, counted on the client.
 * One request per single-item operation; batches where DynamoDB has them; a scan only where
 * the method's name says so.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { attr, Table, type HasMany } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { log } = useDynamo();

class Job extends Table.schema({
  hashKey: 'guid',
  readCapacityUnits: 50,
  writeCapacityUnits: 50,
  attributes: {
    name: attr.string(),
    size: attr.integer({ default: 0 }),
    finishedAt: attr.datetime(),
    tags: attr.stringSet(),
  },
}) {
  static {
    this.validates('name', { presence: true });
  }
}

class Scrap extends Table.schema({
  readCapacityUnits: 50,
  writeCapacityUnits: 50,
  locking: false,
  timestamps: false,
  attributes: { n: attr.integer() },
}) {}

class Listing extends Table.schema({
  readCapacityUnits: 50,
  writeCapacityUnits: 50,
  attributes: { category: attr.string(), title: attr.string() },
  globalSecondaryIndexes: [
    { hashKey: 'category', projection: 'keysOnly', readCapacityUnits: 50, writeCapacityUnits: 50 },
  ],
}) {}

class Board extends Table.schema({
  readCapacityUnits: 20,
  writeCapacityUnits: 20,
  attributes: { name: attr.string() },
}) {
  static {
    this.hasMany('posts', () => Post);
  }
  declare readonly posts: HasMany<Post>;
}

class Post extends Table.schema({
  hashKey: 'guid',
  readCapacityUnits: 20,
  writeCapacityUnits: 20,
  attributes: { body: attr.string() },
}) {
  static {
    this.belongsTo('board', () => Board);
  }
}

beforeAll(async () => {
  await Promise.all([
    Job.createTable(),
    Scrap.createTable(),
    Listing.createTable(),
    Board.createTable(),
    Post.createTable(),
  ]);
});

/** Runs `body` with a clean log and resolves to the operations it sent. */
async function requestsOf(body: () => Promise<unknown>): Promise<string[]> {
  log.clear();
  await body();
  return [...log.operations];
}

async function inChunks<T>(count: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const made: T[] = [];
  for (let i = 0; i < count; i += 50) {
    made.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(50, count - i) }, (_, j) => make(i + j)),
      )),
    );
  }
  return made;
}

describe('single-item operations cost exactly one request', () => {
  it('create is one PutItem', async () => {
    expect(
      await requestsOf(() => Job.create({ name: 'a', tags: ['x', 'y'], finishedAt: new Date() })),
    ).toEqual(['PutItem']);
  });

  it('createOrThrow is one PutItem', async () => {
    expect(await requestsOf(() => Job.createOrThrow({ name: 'b' }))).toEqual(['PutItem']);
  });

  it('a create that fails validation sends nothing', async () => {
    expect(await requestsOf(() => Job.create({ name: '' }))).toEqual([]);
  });

  it('find, findByKey and a miss are one GetItem each', async () => {
    const job = await Job.create({ name: 'c' });
    expect(await requestsOf(() => Job.find(job.guid))).toEqual(['GetItem']);
    expect(await requestsOf(() => Job.findByKey(job.guid))).toEqual(['GetItem']);
    expect(await requestsOf(() => Job.findByKey('no-such-key'))).toEqual(['GetItem']);
  });

  it('save of changes, update(attrs) and a save with nothing changed are one UpdateItem each', async () => {
    const job = await Job.create({ name: 'd' });
    job.size = 3;
    expect(await requestsOf(() => job.save())).toEqual(['UpdateItem']);
    expect(await requestsOf(() => job.update({ name: 'e', size: 4 }))).toEqual(['UpdateItem']);
    expect(await requestsOf(() => job.save())).toEqual(['UpdateItem']);
    expect((await Job.find(job.guid)).lockVersion).toBe(3);
  });

  it('destroy is one DeleteItem', async () => {
    const job = await Job.create({ name: 'f' });
    expect(await requestsOf(() => job.destroy())).toEqual(['DeleteItem']);
    expect(await Job.findByKey(job.guid)).toBeNull();
  });

  it('instance delete and Model.delete are one DeleteItem each', async () => {
    const one = await Job.create({ name: 'g' });
    const two = await Job.create({ name: 'h' });
    expect(await requestsOf(() => one.delete())).toEqual(['DeleteItem']);
    expect(await requestsOf(() => Job.delete(two.guid))).toEqual(['DeleteItem']);
    expect(await Job.findByKey(two.guid)).toBeNull();
  });

  it('touch, reload and increment are one request each', async () => {
    const job = await Job.create({ name: 'i' });
    expect(await requestsOf(() => job.touch('finishedAt'))).toEqual(['UpdateItem']);
    expect(await requestsOf(() => job.reload())).toEqual(['GetItem']);
    expect(await requestsOf(() => job.increment('size', 5))).toEqual(['UpdateItem']);
    expect(job.size).toBe(5);
  });

  it('reading attributes of a loaded record sends nothing', async () => {
    const created = await Job.create({ name: 'j', tags: ['t'] });
    const job = await Job.find(created.guid);
    expect(
      await requestsOf(async () => [
        job.name,
        job.tags,
        job.attributes,
        job.toJSON(),
        job.changes(),
      ]),
    ).toEqual([]);
  });
});

describe('batches', () => {
  it('find of n keys costs ⌈n/100⌉ BatchGetItem', async () => {
    const records = await inChunks(250, (i) => Scrap.create({ n: i }));
    const keys = records.map((r) => r.id);
    let found: Scrap[] = [];
    const operations = await requestsOf(async () => {
      found = await Scrap.find(keys);
    });
    expect(operations).toEqual(['BatchGetItem', 'BatchGetItem', 'BatchGetItem']);
    expect(found.map((r) => r.n)).toEqual(records.map((r) => r.n));
    expect(await requestsOf(() => Scrap.find(keys.slice(0, 100)))).toEqual(['BatchGetItem']);
    expect(await requestsOf(() => Scrap.find(keys.slice(0, 101)))).toEqual([
      'BatchGetItem',
      'BatchGetItem',
    ]);
  });

  it('deleteAll costs its scan pages plus ⌈n/25⌉ BatchWriteItem', async () => {
    await Scrap.deleteAll();
    await inChunks(60, (i) => Scrap.create({ n: i }));
    let deleted = 0;
    const operations = await requestsOf(async () => {
      deleted = await Scrap.deleteAll();
    });
    expect(deleted).toBe(60);
    const scans = operations.filter((o) => o === 'Scan').length;
    expect(scans).toBe(1); // 60 keys fit one page
    expect(operations.filter((o) => o === 'BatchWriteItem')).toHaveLength(3);
    expect(operations).toHaveLength(scans + 3);
    expect(await Scrap.count()).toBe(0);
  });

  it('a keys-only index query costs its query pages plus ⌈n/100⌉ BatchGetItem', async () => {
    await inChunks(150, (i) => Listing.create({ category: 'books', title: `t${i}` }));
    await inChunks(5, (i) => Listing.create({ category: 'films', title: `f${i}` }));
    let found: Listing[] = [];
    const operations = await requestsOf(async () => {
      found = await Listing.findGlobal('category', 'books');
    });
    expect(operations).toEqual(['Query', 'BatchGetItem', 'BatchGetItem']);
    expect(found).toHaveLength(150);
    expect(new Set(found.map((l) => l.title)).size).toBe(150);
    expect(found.every((l) => l.category === 'books')).toBe(true);
  });

  it('loading a has-many collection costs its query pages only', async () => {
    const board = await Board.create({ name: 'general' });
    await inChunks(40, (i) => board.posts.create({ body: `p${i}` }));
    let posts: Post[] = [];
    const operations = await requestsOf(async () => {
      posts = await board.posts.load();
    });
    expect(operations).toEqual(['Query']);
    expect(posts).toHaveLength(40);
    expect(await requestsOf(() => board.posts.load())).toEqual([]); // cached
    expect(await requestsOf(async () => posts.map((p) => p.body))).toEqual([]);
  });
});
