/**
 * Relations: key selection, limits and counts under filters, pages and cursors, projection,
 * merge, the ActiveRecord helpers, and what each read costs in requests.
 */
import { inspect } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AmbiguousIndex,
  attr,
  InvalidCursor,
  MissingAttributeError,
  RecordNotFound,
  ScanRequired,
  Table,
  UnknownIndex,
} from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { log } = useDynamo();

class Topic extends Table.schema({
  hashKey: 'forumId',
  rangeKey: 'guid',
  readCapacityUnits: 50,
  writeCapacityUnits: 50,
  attributes: {
    status: attr.string(),
    views: attr.integer({ default: 0 }),
    postedAt: attr.datetime({ localSecondaryIndex: true }),
    author: attr.string(),
    category: attr.string(),
    title: attr.string(),
    body: attr.string(),
  },
  globalSecondaryIndexes: [
    { hashKey: 'author', projection: 'all' },
    { hashKey: 'author', rangeKey: 'postedAt', projection: 'keysOnly' },
    { hashKey: 'category', projection: ['title', 'lockVersion'] },
  ],
}) {
  static open() {
    return this.where({ status: 'open' });
  }
}

const at = (i: number) => new Date(Date.UTC(2026, 1, 1, 0, i));
const guid = (i: number) => `t${String(i).padStart(3, '0')}`;
// 100 topics in forum f1: every tenth is open; authors ann/bob alternate; categories by 4.
const COUNT = 100;

beforeAll(async () => {
  await Topic.createTable();
  for (let start = 0; start < COUNT; start += 25) {
    await Promise.all(
      Array.from({ length: 25 }, (_, j) => {
        const i = start + j;
        return Topic.create({
          forumId: 'f1',
          guid: guid(i),
          status: i % 10 === 0 ? 'open' : 'closed',
          views: i,
          postedAt: at(i),
          author: i % 2 === 0 ? 'ann' : 'bob',
          category: `c${i % 4}`,
          title: `title ${i}`,
          body: `body ${i}`,
        });
      }),
    );
  }
  await Topic.create({ forumId: 'f2', guid: 'x', status: 'open', author: 'cy', postedAt: at(0) });
});

async function requestsOf(body: () => Promise<unknown>): Promise<string[]> {
  log.clear();
  await body();
  return [...log.operations];
}

const guids = (topics: { guid: string }[]) => topics.map((t) => t.guid);

describe('key selection', () => {
  it('queries the table when the hash key has =, filtering the rest', () => {
    const e = Topic.where({ forumId: 'f1', status: 'open' }).explain();
    expect(e).toMatchObject({
      operation: 'Query',
      index: null,
      keyCondition: 'forumId = "f1"',
      filter: 'status = "open"',
    });
    expect(e.request).toMatchObject({
      KeyConditionExpression: '#n0 = :v0',
      FilterExpression: '#n1 = :v1',
    });
  });

  it('prefers a candidate whose range key is constrained, then table over local over global', () => {
    expect(Topic.where({ forumId: 'f1' }).where('postedAt', '>', at(5)).explain()).toMatchObject({
      index: 'postedAt',
      keyCondition: `forumId = "f1" AND postedAt > ${at(5).getTime()}`,
      filter: null,
    });
    expect(Topic.where({ forumId: 'f1', author: 'ann' }).explain()).toMatchObject({
      index: null,
      filter: 'author = "ann"',
    });
    expect(
      Topic.where({ author: 'ann' })
        .where('postedAt', 'between', [at(1), at(9)])
        .explain().index,
    ).toBe('author_postedAt_global');
    expect(Topic.where({ category: 'c1' }).explain().index).toBe('category_global');
  });

  it('puts what a key condition cannot express into the filter', () => {
    const e = Topic.where({ forumId: 'f1' })
      .where('guid', '<>', guid(1))
      .where('guid', 'in', [guid(2)])
      .explain();
    expect(e.keyCondition).toBe('forumId = "f1"');
    expect(e.filter).toBe(`guid <> "${guid(1)}" AND guid IN ("${guid(2)}")`);
    const twice = Topic.where({ forumId: 'f1' })
      .where('guid', '>', guid(1))
      .where('guid', '<', guid(5))
      .explain();
    expect(twice.keyCondition).toBe(`forumId = "f1" AND guid > "${guid(1)}"`);
    expect(twice.filter).toBe(`guid < "${guid(5)}"`);
  });

  it('throws ScanRequired naming the attributes that would allow a key query', async () => {
    const rel = Topic.where({ status: 'open' });
    expect(() => rel.explain()).toThrow(ScanRequired);
    await expect(rel.toArray()).rejects.toThrow(/'forumId'.*'author'.*'category'.*Topic\.scan\(\)/);
    expect(await requestsOf(() => rel.toArray().catch(() => null))).toEqual([]);
  });

  it('throws AmbiguousIndex on a tie; using() chooses, and checks its choice', async () => {
    expect(() => Topic.where({ author: 'ann' }).explain()).toThrow(AmbiguousIndex);
    expect(() => Topic.where({ author: 'ann' }).explain()).toThrow(
      /author_global.*author_postedAt_global/,
    );
    const chosen = Topic.where({ author: 'ann' }).using('author_global');
    expect(await chosen.count()).toBe(50);
    expect(() => Topic.where({ author: 'ann' }).using('nope').explain()).toThrow(UnknownIndex);
    expect(() => Topic.where({ status: 'x' }).using('author_global').explain()).toThrow(
      ScanRequired,
    );
  });

  it('the key condition may come last in the chain', async () => {
    const rel = Topic.where({ status: 'open' }).where({ forumId: 'f1' });
    expect(await rel.count()).toBe(10);
  });

  it('a global index cannot be read consistently: the error names it', async () => {
    await expect(Topic.where({ category: 'c1' }).consistent().toArray()).rejects.toThrow(
      /category_global/,
    );
    expect(await Topic.where({ forumId: 'f1' }).consistent().count()).toBe(COUNT);
  });
});

describe('limits, counts and existence under filters', () => {
  it('limit(n) returns n matches even when the filter drops 90% of a page', async () => {
    const topics = await Topic.where({ forumId: 'f1', status: 'open' }).limit(7);
    expect(guids(topics)).toEqual([0, 10, 20, 30, 40, 50, 60].map(guid));
    const small = Topic.where({ forumId: 'f1', status: 'open' }).limit(3);
    expect(await requestsOf(() => small.toArray())).toEqual(['Query']);
  });

  it('limit reads further pages while a small page size makes the filter drop everything', async () => {
    const rel = Topic.where({ forumId: 'f1', status: 'open' }).limit(4);
    const paged = new (rel.constructor as new (s: unknown) => typeof rel)({
      ...(rel as unknown as { state: object }).state,
      pageSize: 5,
    });
    expect(guids(await paged)).toEqual([0, 10, 20, 30].map(guid));
    expect(log.count('Query')).toBeGreaterThan(4);
  });

  it('count() counts matches with Select COUNT, not items read', async () => {
    const open = Topic.where({ forumId: 'f1', status: 'open' });
    expect(await requestsOf(async () => expect(await open.count()).toBe(10))).toEqual(['Query']);
    expect(log.inputs[0]).toMatchObject({ Select: 'COUNT' });
    expect(await open.limit(4).count()).toBe(4);
    expect(await Topic.where({ forumId: 'f1' }).where('views', '>=', 95).count()).toBe(5);
  });

  it('exists() and first() stop early; first() without a filter is one Query with Limit 1', async () => {
    const all = Topic.where({ forumId: 'f1' });
    expect(await requestsOf(async () => expect((await all.first())?.guid).toBe(guid(0)))).toEqual([
      'Query',
    ]);
    expect(log.inputs[0]).toMatchObject({ Limit: 1 });
    expect((await all.last())?.guid).toBe(guid(COUNT - 1));
    expect(await Topic.where({ forumId: 'f1', status: 'open' }).exists()).toBe(true);
    expect(await Topic.where({ forumId: 'f1', status: 'gone' }).exists()).toBe(false);
    expect(await Topic.where({ forumId: 'nobody' }).first()).toBeNull();
  });

  it('reverse() reads descending by the chosen key', async () => {
    const newest = await Topic.where({ forumId: 'f1' })
      .where('postedAt', '>=', at(0))
      .reverse()
      .limit(2);
    expect(guids(newest)).toEqual([guid(99), guid(98)]);
  });
});

describe('indexes that do not project everything', () => {
  it('a keys-only index is read back with one BatchGetItem per page, and filtered after it', async () => {
    const rel = Topic.where({ author: 'ann' })
      .where('postedAt', '>=', at(0))
      .where({ status: 'open' });
    expect(rel.explain()).toMatchObject({
      index: 'author_postedAt_global',
      filter: 'status = "open"',
    });
    expect(rel.explain().request).not.toHaveProperty('FilterExpression');
    const ops = await requestsOf(async () => {
      expect(guids(await rel)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90].map(guid));
    });
    expect(ops).toEqual(['Query', 'BatchGetItem']);
    expect(await rel.count()).toBe(10);
    expect(await rel.limit(2).count()).toBe(2);
  });

  it('an include index filters in DynamoDB what it projects and after the read what it does not', async () => {
    const projected = Topic.where({ category: 'c0' }).where('title', 'begins_with', 'title 1');
    expect(projected.explain().request).toHaveProperty('FilterExpression');
    const titles = await projected.select('title');
    expect(titles.map((t) => t.title).sort()).toEqual(['title 12', 'title 16']);
    const ops = await requestsOf(() => projected.select('title').toArray());
    expect(ops).toEqual(['Query']); // title is projected: no batched read
    const unprojected = Topic.where({ category: 'c0', status: 'open' });
    expect((await unprojected).map((t) => t.views).sort((a, b) => a! - b!)).toEqual([
      0, 20, 40, 60, 80,
    ]);
  });
});

describe('pages and cursors of a filtered relation', () => {
  const open = () => Topic.where({ forumId: 'f1', status: 'open' });

  it('walks every match once, pages short only where the relation ends', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const page: { items: Topic[]; next: string | null } = await open().page({ limit: 3, after });
      seen.push(...guids(page.items));
      if (page.next === null) break;
      after = page.next;
    }
    expect(seen).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90].map(guid));
  });

  it('a page without limit is one DynamoDB page, which a small page size leaves short', async () => {
    const rel = open();
    const small = new (rel.constructor as new (s: unknown) => typeof rel)({
      ...(rel as unknown as { state: object }).state,
      pageSize: 15,
    });
    const first = await small.page();
    expect(guids(first.items)).toEqual([guid(0), guid(10)]);
    expect(first.next).not.toBeNull();
    const second = await small.page({ after: first.next });
    expect(guids(second.items)).toEqual([guid(20)]);
  });

  it('binds the cursor to the whole relation: other conditions, index or order throw InvalidCursor', async () => {
    const { next } = await open().page({ limit: 2 });
    await expect(
      Topic.where({ forumId: 'f1', status: 'closed' }).page({ after: next }),
    ).rejects.toThrow(InvalidCursor);
    await expect(open().reverse().page({ after: next })).rejects.toThrow(InvalidCursor);
    await expect(
      Topic.where({ forumId: 'f2', status: 'open' }).page({ after: next }),
    ).rejects.toThrow(InvalidCursor);
    await expect(open().page({ after: 'garbage!' })).rejects.toThrow(InvalidCursor);
    await expect(open().page({ limit: 0 })).rejects.toThrow(/positive integer/);
    expect(guids((await open().page({ limit: 2, after: next })).items)).toEqual([
      guid(20),
      guid(30),
    ]);
  });

  it('pages through a keys-only index and a scan', async () => {
    const rel = Topic.where({ author: 'bob' })
      .where('postedAt', '<', at(10))
      .where('views', '>', 2);
    const first = await rel.page({ limit: 2 });
    expect(guids(first.items)).toEqual([guid(3), guid(5)]);
    const second = await rel.page({ limit: 2, after: first.next });
    expect(guids(second.items)).toEqual([guid(7), guid(9)]);
    const scan = Topic.scan().where({ status: 'open' });
    const one = await scan.page({ limit: 6 });
    const two = await scan.page({ limit: 6, after: one.next });
    expect(one.items).toHaveLength(6);
    expect(new Set([...guids(one.items), ...guids(two.items)]).size).toBe(11);
  });
});

describe('select', () => {
  it('projects the selected attributes with keys and lock; others throw MissingAttributeError', async () => {
    const rel = Topic.where({ forumId: 'f1', guid: guid(3) }).select('title');
    expect(rel.explain().request.ProjectionExpression).toBeDefined();
    const [topic] = await rel;
    expect(topic!.title).toBe('title 3');
    expect(topic!.guid).toBe(guid(3));
    expect((topic as unknown as Topic).lockVersion).toBe(0);
    expect(() => (topic as unknown as Topic).body).toThrow(MissingAttributeError);
    expect(() => (topic as unknown as Topic).body).toThrow(/Topic\.body/);
    expect(Object.keys(topic!.attributes)).not.toContain('body');
  });

  it('a selected record saves only what changed, under the lock', async () => {
    const [topic] = await Topic.where({ forumId: 'f1', guid: guid(4) }).select('title');
    topic!.title = 'renamed';
    await topic!.saveOrThrow();
    const fresh = await Topic.find('f1', guid(4));
    expect(fresh).toMatchObject({ title: 'renamed', body: 'body 4', lockVersion: 1 });
    await fresh.reload();
    expect(fresh.body).toBe('body 4');
  });

  it('pluck reads one attribute; a keys-only index with select reads only those attributes back', async () => {
    expect(await Topic.where({ forumId: 'f1' }).where('views', '<', 3).pluck('views')).toEqual([
      0, 1, 2,
    ]);
    const rel = Topic.where({ author: 'ann' })
      .where('postedAt', '<', at(4))
      .where({ status: 'open' });
    const [one] = await rel.select('views');
    expect(one!.views).toBe(0);
    expect(() => (one as unknown as Topic).status).toThrow(MissingAttributeError);
  });
});

describe('merge, scopes, helpers', () => {
  it('a scope is a static method returning a relation; merge combines two', async () => {
    const rel = Topic.where({ forumId: 'f1' })
      .merge(Topic.open())
      .merge(Topic.where('views', '<', 30));
    expect(guids(await rel)).toEqual([guid(0), guid(10), guid(20)]);
    expect(() => Topic.where({ forumId: 'f1' }).merge(Sample.scan() as never)).toThrow(/merge/);
  });

  it('relations are immutable and lazy', async () => {
    const base = Topic.where({ forumId: 'f1' });
    const narrowed = base.where({ status: 'open' });
    expect(await requestsOf(async () => base.limit(1).reverse().select('title'))).toEqual([
      'Query',
    ]);
    log.clear();
    void base.where({ status: 'x' });
    expect(log.count()).toBe(0);
    expect(await base.count()).toBe(COUNT);
    expect(await narrowed.count()).toBe(10);
  });

  it('findBy, findByOrThrow, exists, findOrInitializeBy, findOrCreateBy', async () => {
    expect((await Topic.findBy({ forumId: 'f1', guid: guid(7) }))?.views).toBe(7);
    expect(await Topic.findBy({ forumId: 'f1', status: 'nope' })).toBeNull();
    await expect(Topic.findByOrThrow({ forumId: 'f1', status: 'nope' })).rejects.toThrow(
      RecordNotFound,
    );
    await expect(Topic.findBy({ status: 'open' })).rejects.toThrow(ScanRequired);
    expect(await Topic.exists({ forumId: 'f2' })).toBe(true);
    expect(await Topic.exists({ forumId: 'f3' })).toBe(false);
    const built = await Topic.findOrInitializeBy({ forumId: 'f3', guid: 'g' }, { title: 'new' });
    expect(built.isNewRecord()).toBe(true);
    expect(built.title).toBe('new');
    const created = await Topic.findOrCreateBy({ forumId: 'f3', guid: 'g' }, { title: 'made' });
    expect(created.isPersisted()).toBe(true);
    const again = await Topic.findOrCreateBy({ forumId: 'f3', guid: 'g' }, { title: 'other' });
    expect(again.title).toBe('made');
    expect((await Topic.findOrInitializeBy({ forumId: 'f3', guid: 'g' })).isPersisted()).toBe(true);
  });

  it('scan() is the only way to scan; segments read in parallel', async () => {
    expect(Topic.scan().where({ status: 'open' }).explain()).toMatchObject({
      operation: 'Scan',
      keyCondition: null,
      filter: 'status = "open"',
    });
    expect(await Topic.scan({ segments: 3 }).where({ status: 'open' }).count()).toBe(11);
    const parallel = await Topic.scan({ segments: 2 }).where({ status: 'open' });
    expect(parallel).toHaveLength(11);
    expect(Topic.scan({ segments: 2 }).explain().request).toMatchObject({ TotalSegments: 2 });
    expect(() => Topic.scan({ segments: 0 })).toThrow(/positive integer/);
    expect((await Topic.scan().where({ forumId: 'f2' }).last())?.guid).toBe('x');
  });

  it('deleteAll and destroyAll remove the matches only', async () => {
    await Topic.create({ forumId: 'gone', guid: 'a', status: 'open' });
    await Topic.create({ forumId: 'gone', guid: 'b', status: 'closed' });
    await Topic.create({ forumId: 'gone', guid: 'c', status: 'open' });
    expect(await Topic.where({ forumId: 'gone', guid: 'a' }).deleteAll()).toBe(1);
    expect(await Topic.where({ forumId: 'gone', status: 'open' }).destroyAll()).toBe(1);
    expect(guids(await Topic.where({ forumId: 'gone' }))).toEqual(['b']);
  });

  it('shows its explain() at the console', () => {
    const shown = inspect(Topic.where({ forumId: 'f1', status: 'open' }));
    expect(shown).toContain('Topic relation: Query table');
    expect(shown).toContain('filter: status = "open"');
    expect(inspect(Topic.where({ status: 'open' }))).toContain('ScanRequired');
  });
});

class Sample extends Table.schema({ attributes: { n: attr.integer() } }) {}
