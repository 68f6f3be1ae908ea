import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { attr, DynamoError, RecordNotFound, Table } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';
import { Stamped } from '../support/edge-models.js';

const { log, client, prefix } = useDynamo();

class Counter extends Table.schema({
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { name: attr.string(), hits: attr.integer({ default: 0 }), score: attr.float() },
}) {}

beforeAll(async () => {
  await Counter.createTable();
});

async function stored(id: string) {
  const out = await client.send(
    new GetItemCommand({
      TableName: `${prefix}counters`,
      Key: { id: { S: id } },
      ConsistentRead: true,
    }),
  );
  return out.Item;
}

describe('increment', () => {
  it('adds atomically in one UpdateItem, without a read, and stores the new value', async () => {
    const counter = await Counter.create({ name: 'a', hits: 3 });
    log.clear();
    expect(await counter.increment('hits', 4)).toBe(7);
    expect(log.operations).toEqual(['UpdateItem']);
    expect(counter.hits).toBe(7);
    expect(counter.isChanged('hits')).toBe(false);
    expect((await stored(counter.id as string))?.hits).toEqual({ N: '7' });
  });

  it('bypasses the lock and timestamps, leaving other changes unsaved', async () => {
    const counter = await Counter.create({ name: 'b' });
    const stale = await Counter.find(counter.id);
    counter.name = 'changed';
    await counter.saveOrThrow(); // the stale copy's lock value is now behind
    const before = await stored(counter.id as string);
    stale.name = 'unsaved';
    expect(await stale.increment('hits')).toBe(1);
    const item = await stored(counter.id as string);
    expect(item?.lockVersion).toEqual({ N: '1' });
    expect(item?.name).toEqual({ S: 'changed' });
    expect(item?.updatedAt).toEqual(before?.updatedAt);
    expect(stale.lockVersion).toBe(0);
    expect(stale.changes()).toEqual({ name: ['b', 'unsaved'] });
  });

  it('works on floats and with negative amounts', async () => {
    const counter = await Counter.create({ name: 'c', score: 1.5 });
    expect(await counter.increment('score', 0.25)).toBe(1.75);
    expect(await counter.increment('hits', -2)).toBe(-2);
  });

  it('8 concurrent incrementers of 25 each end at exactly 200', async () => {
    const counter = await Counter.create({ name: 'race' });
    const copies = await Promise.all(Array.from({ length: 8 }, () => Counter.find(counter.id)));
    await Promise.all(
      copies.map(async (copy) => {
        for (let i = 0; i < 25; i++) await copy.increment('hits');
      }),
    );
    expect((await stored(counter.id as string))?.hits).toEqual({ N: '200' });
    expect((await counter.reload()).hits).toBe(200);
  });

  it('refuses what cannot be counted, and an item that is gone', async () => {
    const counter = await Counter.create({ name: 'd' });
    // @ts-expect-error: increment takes a number attribute; at run time too
    await expect(counter.increment('name')).rejects.toThrow(
      /Counter\.name.*not an integer or float/,
    );
    await expect(new Counter({ name: 'new' }).increment('hits')).rejects.toThrow(DynamoError);
    await Counter.delete(counter.id);
    await expect(counter.increment('hits')).rejects.toBeInstanceOf(RecordNotFound);
  });
});

describe('increment refused', () => {
  beforeAll(async () => {
    await Stamped.createTable();
  });

  it('increment of a new record, a non-number attribute, or by a non-number', async () => {
    await expect(new Stamped().increment('ratio')).rejects.toThrow(/of a new record/);
    const stamped = await Stamped.create({ name: 'z' });
    // @ts-expect-error: increment takes a number attribute; at run time too
    await expect(stamped.increment('name')).rejects.toThrow(
      /Stamped\.name: it is not an integer or float/,
    );
    await expect(stamped.increment('ratio', '' as never)).rejects.toThrow(
      /Cannot increment Stamped\.ratio by/,
    );
    expect(await stamped.increment('ratio', 0.5)).toBe(0.5);
    expect(await stamped.increment('ratio', -1.5)).toBe(-1);
  });
});
