import { beforeAll, describe, expect, it } from 'vitest';
import { attr, InvalidCursor, Table } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { log } = useDynamo();

class Message extends Table.schema({
  hashKey: 'room',
  rangeKey: 'guid',
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: {
    sentAt: attr.datetime({ localSecondaryIndex: true }),
    author: attr.string(),
    text: attr.string(),
  },
  globalSecondaryIndexes: [{ hashKey: 'author', rangeKey: 'sentAt' }],
}) {}

const at = (minute: number) => new Date(Date.UTC(2024, 2, 1, 0, minute));

beforeAll(async () => {
  await Message.createTable();
  await Promise.all(
    Array.from({ length: 23 }, (_, i) =>
      Message.create({
        room: 'lobby',
        guid: `m${String(i).padStart(2, '0')}`,
        sentAt: at(i),
        author: 'ann',
        text: `hello ${i}`,
      }),
    ),
  );
  await Message.create({ room: 'attic', guid: 'a1', sentAt: at(1), author: 'bob', text: 'hi' });
});

/** Walks every page; returns the ids in order and the pages' sizes. */
async function walk(
  read: (after: string | null) => Promise<{ items: Message[]; next: string | null }>,
) {
  const ids: string[] = [];
  const sizes: number[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const page = await read(after);
    ids.push(...page.items.map((m) => m.guid));
    sizes.push(page.items.length);
    if (page.next === null) return { ids, sizes };
    expect(page.next).toMatch(/^[A-Za-z0-9_-]+$/); // URL-safe
    after = page.next;
  }
  throw new Error('cursor never ended');
}

const all = Array.from({ length: 23 }, (_, i) => `m${String(i).padStart(2, '0')}`);

describe('queryPage', () => {
  it('walks the result set with no item repeated or skipped', async () => {
    const { ids, sizes } = await walk((after) => Message.queryPage('lobby', { limit: 5, after }));
    expect(ids).toEqual(all);
    expect(sizes.slice(0, 4)).toEqual([5, 5, 5, 5]);
  });

  it('walks backwards and with a range condition', async () => {
    const back = await walk((after) =>
      Message.queryPage('lobby', { limit: 7, after, scanIndexForward: false }),
    );
    expect(back.ids).toEqual([...all].reverse());
    const some = await walk((after) =>
      Message.queryPage('lobby', 'between', ['m05', 'm14'], { limit: 4, after }),
    );
    expect(some.ids).toEqual(all.slice(5, 15));
  });

  it('reads a page with one request when one fills it', async () => {
    log.clear();
    const page = await Message.queryPage('lobby', { limit: 10 });
    expect(page.items).toHaveLength(10);
    expect(page.next).not.toBeNull();
    expect(log.operations).toEqual(['Query']);
  });
});

describe('findLocalPage and findGlobalPage', () => {
  it('walk a local index by datetime', async () => {
    const { ids } = await walk((after) =>
      Message.findLocalPage('room', 'lobby', 'sentAt', '>=', at(3), { limit: 6, after }),
    );
    expect(ids).toEqual(all.slice(3));
  });

  it('walk a keys-only global index, one batched read per page', async () => {
    log.clear();
    const { ids, sizes } = await walk((after) =>
      Message.findGlobalPage('author', 'ann', 'sentAt', '<', at(100), { limit: 10, after }),
    );
    expect(ids).toEqual(all);
    expect(log.count('GetItem')).toBe(0);
    expect(log.count('BatchGetItem')).toBe(sizes.filter((n) => n > 0).length);
  });
});

describe('cursors', () => {
  it('refuse a cursor from another query with InvalidCursor', async () => {
    const first = await Message.queryPage('lobby', { limit: 2 });
    log.clear();
    await expect(Message.queryPage('attic', { limit: 2, after: first.next })).rejects.toThrow(
      InvalidCursor,
    );
    await expect(
      Message.queryPage('lobby', '>', 'm00', { limit: 2, after: first.next }),
    ).rejects.toThrow(InvalidCursor);
    await expect(
      Message.findLocalPage('room', 'lobby', 'sentAt', '>', at(0), { after: first.next }),
    ).rejects.toThrow(InvalidCursor);
    expect(log.operations).toEqual([]); // refused before DynamoDB sees it
  });

  it('refuse malformed and tampered cursors with InvalidCursor, never a DynamoDB error', async () => {
    const first = await Message.queryPage('lobby', { limit: 2 });
    const body = JSON.parse(Buffer.from(first.next!, 'base64url').toString()) as {
      k: Record<string, unknown>;
    };
    const tampered = (k: Record<string, unknown>) =>
      Buffer.from(JSON.stringify({ ...body, k })).toString('base64url');
    const bad = [
      'not a cursor!',
      'abc',
      Buffer.from('{"v":1}').toString('base64url'),
      Buffer.from('[1,2]').toString('base64url'),
      tampered({ ...body.k, guid: { N: '1' } }),
      tampered({ ...body.k, extra: { S: 'x' } }),
      tampered({ room: body.k['room'] }),
      tampered({ ...body.k, room: { S: 'attic' } }),
      tampered({ ...body.k, guid: { S: '' } }),
    ];
    for (const cursor of bad) {
      await expect(Message.queryPage('lobby', { limit: 2, after: cursor })).rejects.toThrow(
        InvalidCursor,
      );
    }
  });

  it('a last full page may carry a next leading to an empty page', async () => {
    const page = await Message.queryPage('lobby', '>=', 'm20', { limit: 3 });
    expect(page.items.map((m) => m.guid)).toEqual(['m20', 'm21', 'm22']);
    if (page.next !== null) {
      const rest = await Message.queryPage('lobby', '>=', 'm20', { limit: 3, after: page.next });
      expect(rest).toEqual({ items: [], next: null });
    }
  });
});
