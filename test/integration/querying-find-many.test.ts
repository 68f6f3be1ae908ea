import { beforeAll, describe, expect, it } from 'vitest';
import { attr, RecordNotFound, Table, UnknownPrimaryKey } from '../../src/index.js';
import { injectUnprocessed } from '../support/batch-faults.js';
import { useDynamo } from '../support/dynamo.js';

const { log, client } = useDynamo();

class Gadget extends Table.schema({
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  timestamps: false,
  attributes: { n: attr.integer() },
}) {}

class Entry extends Table.schema({
  hashKey: 'book',
  rangeKey: 'at',
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { at: attr.datetime(), text: attr.string() },
}) {}

const ids = Array.from({ length: 250 }, (_, i) => `g${String(i).padStart(3, '0')}`);

beforeAll(async () => {
  await Promise.all([Gadget.createTable(), Entry.createTable()]);
  for (let i = 0; i < ids.length; i += 25) {
    await Promise.all(ids.slice(i, i + 25).map((id, j) => Gadget.create({ id, n: i + j })));
  }
});

describe('find([keys])', () => {
  it('reads 250 keys in exactly 3 BatchGetItem requests, in the order asked', async () => {
    const asked = [...ids].reverse();
    log.clear();
    const found = await Gadget.find(asked);
    expect(log.operations).toEqual(['BatchGetItem', 'BatchGetItem', 'BatchGetItem']);
    expect(found.map((g) => g.id)).toEqual(asked);
    expect(found[0]).toBeInstanceOf(Gadget);
    expect(found[0]!.isPersisted()).toBe(true);
    expect(found[249]!.n).toBe(0);
  });

  it('returns duplicates asked twice, reading the key once', async () => {
    log.clear();
    const found = await Gadget.find(['g001', 'g002', 'g001']);
    expect(found.map((g) => g.id)).toEqual(['g001', 'g002', 'g001']);
    expect(
      (log.inputs[0] as { RequestItems: Record<string, { Keys: unknown[] }> }).RequestItems[
        Gadget.tableFullName
      ]!.Keys,
    ).toHaveLength(2);
  });

  it('throws RecordNotFound naming every missing key', async () => {
    const error = await Gadget.find(['g001', 'nope-1', 'g002', 'nope-2']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordNotFound);
    expect((error as RecordNotFound).keys).toEqual([['nope-1'], ['nope-2']]);
    expect((error as Error).message).toMatch(/Gadget/);
    expect((error as Error).message).toMatch(/nope-1/);
    expect((error as Error).message).toMatch(/nope-2/);
    expect((error as Error).message).not.toMatch(/g001/);
  });

  it('retries keys reported unprocessed, with nothing lost', async () => {
    const faults = injectUnprocessed(client, 3);
    try {
      log.clear();
      const found = await Gadget.find(ids);
      expect(faults.requests).toBe(3);
      expect(faults.dropped).toBeGreaterThan(100);
      expect(found.map((g) => g.id)).toEqual(ids);
      // 3 first attempts, then one retry for each batch that was cut in half
      expect(log.count('BatchGetItem')).toBe(6);
    } finally {
      faults.remove();
    }
  });

  it('finds [hash, range] pairs with datetime range keys serialized as stored', async () => {
    const at1 = new Date('2024-01-01T10:00:00Z');
    const at2 = new Date('2024-01-02T10:00:00Z');
    await Entry.create({ book: 'b1', at: at1, text: 'one' });
    await Entry.create({ book: 'b1', at: at2, text: 'two' });
    const found = await Entry.find([
      ['b1', at2],
      ['b1', '2024-01-01T10:00:00.000Z'],
    ]);
    expect(found.map((e) => e.text)).toEqual(['two', 'one']);
    expect(found[1]!.at).toEqual(at1);
    await expect(Entry.find(['b1'])).rejects.toThrow(UnknownPrimaryKey);
  });

  it('passes the consistent option through', async () => {
    log.clear();
    await Gadget.find(['g003'], { consistent: true });
    const input = log.inputs[0] as { RequestItems: Record<string, { ConsistentRead: boolean }> };
    expect(input.RequestItems[Gadget.tableFullName]!.ConsistentRead).toBe(true);
  });

  it('still finds one key with one GetItem', async () => {
    log.clear();
    const gadget = await Gadget.find('g010');
    expect(gadget.n).toBe(10);
    expect(log.operations).toEqual(['GetItem']);
  });
});
