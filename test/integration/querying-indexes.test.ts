import { beforeAll, describe, expect, it } from 'vitest';
import { attr, Table, UnknownIndex } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { log } = useDynamo();

class Ticket extends Table.schema({
  hashKey: 'queue',
  rangeKey: 'guid',
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: {
    dueAt: attr.datetime({ localSecondaryIndex: true }),
    priority: attr.integer({ localSecondaryIndex: true }),
    owner: attr.string(),
    token: attr.string(),
    body: attr.string(),
  },
  globalSecondaryIndexes: [
    { hashKey: 'owner', rangeKey: 'dueAt' }, // keys only (the default)
    { hashKey: 'token', projection: 'all' },
  ],
}) {}

const day = (d: number) => new Date(Date.UTC(2024, 5, d));

beforeAll(async () => {
  await Ticket.createTable();
  const creates = [];
  for (let i = 1; i <= 50; i++) {
    creates.push(
      Ticket.create({
        queue: 'q',
        guid: `t${String(i).padStart(2, '0')}`,
        dueAt: day((i % 28) + 1),
        priority: i,
        owner: 'ann',
        token: `tok${i}`,
        body: `body ${i}`,
      }),
    );
  }
  creates.push(
    Ticket.create({
      queue: 'other',
      guid: 'x1',
      dueAt: day(3),
      priority: 3,
      owner: 'bob',
      token: 'tokx',
      body: 'x',
    }),
  );
  await Promise.all(creates);
});

describe('findLocal', () => {
  it('queries a local index with a datetime comparison', async () => {
    log.clear();
    const due = await Ticket.findLocal('queue', 'q', 'dueAt', 'between', [day(2), day(3)]);
    expect(
      due
        .map((t) => t.dueAt!.getTime())
        .every((t) => t >= day(2).getTime() && t <= day(3).getTime()),
    ).toBe(true);
    expect(due.map((t) => t.guid).sort()).toEqual(['t01', 't02', 't29', 't30']);
    expect(log.operations).toEqual(['Query']);
    expect(log.inputs[0]).toMatchObject({ IndexName: 'dueAt' });
  });

  it('orders by the index range key, with limit, scanIndexForward and consistent', async () => {
    log.clear();
    const top = await Ticket.findLocal('queue', 'q', 'priority', '>', 10, {
      limit: 3,
      scanIndexForward: false,
      consistent: true,
    });
    expect(top.map((t) => t.priority)).toEqual([50, 49, 48]);
    expect(top[0]!.body).toBe('body 50');
    expect(log.inputs[0]).toMatchObject({
      IndexName: 'priority',
      ConsistentRead: true,
      Limit: 3,
      ScanIndexForward: false,
    });
  });

  it('findLocalEach streams', async () => {
    const seen: number[] = [];
    for await (const t of Ticket.findLocalEach('queue', 'q', 'priority', '<=', 5, { batchSize: 2 }))
      seen.push(t.priority!);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('throws UnknownIndex naming the declared indexes', async () => {
    const error = await Ticket.findLocal('queue', 'q', 'body', '=', 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownIndex);
    expect((error as Error).message).toMatch(/Ticket/);
    expect((error as Error).message).toMatch(/body/);
    expect((error as Error).message).toMatch(
      /dueAt \(local\).*priority \(local\).*owner_dueAt_global \(global\).*token_global \(global\)/,
    );
  });
});

describe('findGlobal', () => {
  it('hydrates a keys-only index of 50 items with 1 Query and 1 BatchGetItem', async () => {
    log.clear();
    const mine = await Ticket.findGlobal('owner', 'ann', 'dueAt', '>=', day(1));
    expect(log.operations).toEqual(['Query', 'BatchGetItem']);
    expect(mine).toHaveLength(50);
    expect(mine.every((t) => t.body.startsWith('body '))).toBe(true);
    const due = mine.map((t) => t.dueAt!.getTime());
    expect(due).toEqual([...due].sort((a, b) => a - b)); // the index's order, kept after the batch read
    expect(mine[0]!.isPersisted()).toBe(true);
  });

  it('reads an all-projection index without a second request', async () => {
    log.clear();
    const [found] = await Ticket.findGlobal('token', 'tok7');
    expect(found!.guid).toBe('t07');
    expect(found!.body).toBe('body 7');
    expect(log.operations).toEqual(['Query']);
  });

  it('finds the global index by its hash key alone, with limit and order', async () => {
    log.clear();
    const latest = await Ticket.findGlobal('owner', 'ann', { limit: 2, scanIndexForward: false });
    expect(latest).toHaveLength(2);
    expect(latest[0]!.dueAt!.getTime()).toBe(day(28).getTime());
    expect(log.inputs[0]).toMatchObject({
      IndexName: 'owner_dueAt_global',
      Limit: 2,
      ScanIndexForward: false,
    });
  });

  it('findGlobalEach hydrates each page with one batched read', async () => {
    log.clear();
    let n = 0;
    for await (const t of Ticket.findGlobalEach('owner', 'ann', 'dueAt', '<', day(29), {
      batchSize: 20,
    })) {
      expect(t.body).not.toBe('');
      n++;
    }
    expect(n).toBe(50);
    expect(log.count('Query')).toBe(3);
    expect(log.count('BatchGetItem')).toBe(3);
    expect(log.count('GetItem')).toBe(0);
  });

  it('throws UnknownIndex for an undeclared global index, and refuses consistent reads', async () => {
    await expect(Ticket.findGlobal('body', 'x')).rejects.toThrow(UnknownIndex);
    await expect(Ticket.findGlobal('body', 'x')).rejects.toThrow(
      /owner_dueAt_global.*token_global/,
    );
    await expect(Ticket.findGlobal('token', 'x', { consistent: true } as never)).rejects.toThrow(
      /consistent/,
    );
  });
});
