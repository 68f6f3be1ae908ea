import { beforeAll, describe, expect, it } from 'vitest';
import { attr, Table } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { log } = useDynamo();

class Crumb extends Table.schema({
  hashKey: 'jar',
  rangeKey: 'at',
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { at: attr.datetime(), kind: attr.string() },
}) {}

const destroyed: string[] = [];

class Widget extends Table.schema({
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { keep: attr.boolean({ default: false }) },
}) {
  static {
    this.beforeDestroy((w) => (w.keep ? false : undefined));
    this.afterDestroy((w) => {
      destroyed.push(w.id as string);
    });
  }
}

beforeAll(async () => {
  await Promise.all([Crumb.createTable(), Widget.createTable()]);
});

describe('Model.delete(hash, range?)', () => {
  it('resolves to whether the item existed, in one request each', async () => {
    const at = new Date('2024-04-01T00:00:00Z');
    await Crumb.create({ jar: 'j', at, kind: 'x' });
    log.clear();
    expect(await Crumb.delete('j', at)).toBe(true);
    expect(await Crumb.delete('j', at)).toBe(false);
    expect(log.operations).toEqual(['DeleteItem', 'DeleteItem']);
    expect(log.inputs[0]).toMatchObject({
      ReturnValues: 'ALL_OLD',
      Key: { jar: { S: 'j' }, at: { N: String(at.getTime()) } },
    });
    expect(await Crumb.findByKey('j', at)).toBeNull();
  });
});

describe('deleteAll', () => {
  it('deletes items of a table with a range key, and resolves to how many', async () => {
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        Crumb.create({ jar: `j${i % 3}`, at: new Date(i * 1000), kind: 'k' }),
      ),
    );
    log.clear();
    expect(await Crumb.deleteAll()).toBe(60);
    expect(log.count('BatchWriteItem')).toBe(3);
    expect(await Crumb.count({ consistent: true })).toBe(0);
    expect(await Crumb.deleteAll()).toBe(0);
  });
});

describe('destroyAll', () => {
  it('runs each record’s callbacks, a halting callback keeping its record', async () => {
    await Promise.all([
      ...Array.from({ length: 12 }, (_, i) => Widget.create({ id: `w${i}` })),
      Widget.create({ id: 'kept', keep: true }),
    ]);
    log.clear();
    expect(await Widget.destroyAll()).toBe(12);
    expect([...destroyed].sort()).toEqual(Array.from({ length: 12 }, (_, i) => `w${i}`).sort());
    expect(log.count('DeleteItem')).toBe(12);
    const left = await Widget.all({ consistent: true });
    expect(left.map((w) => w.id)).toEqual(['kept']);
  });
});
