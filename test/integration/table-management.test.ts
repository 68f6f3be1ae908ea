/** Table lifecycle corner cases: missing tables, create: true, connect: false. */
import { beforeAll, describe, expect, it } from 'vitest';
import { attr, Table, TableNotFound } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';
import { Stamped } from '../support/edge-models.js';

const { log } = useDynamo();

beforeAll(async () => {
  // connect: false is checked against this table.
  await Stamped.createTable();
});

describe('table management', () => {
  it('deleteTable of a missing table is false, tableExists follows, establishDbConnection obeys the create policy', async () => {
    class Temp extends Table.schema({
      tableName: 'temp_edges',
      readCapacityUnits: 1,
      writeCapacityUnits: 1,
      attributes: {},
    }) {}
    class AutoTemp extends Table.schema({
      tableName: 'auto_temp_edges',
      create: true,
      readCapacityUnits: 1,
      writeCapacityUnits: 1,
      attributes: {},
    }) {}
    expect(await Temp.tableExists()).toBe(false);
    expect(await Temp.deleteTable()).toBe(false);
    await expect(Temp.establishDbConnection()).rejects.toBeInstanceOf(TableNotFound);
    await Temp.createTable();
    // A second createTable finds the table in use and waits for it instead of failing.
    await Temp.createTable();
    await Temp.establishDbConnection();
    expect(await Temp.tableExists()).toBe(true);
    expect(await Temp.deleteTable()).toBe(true);

    await AutoTemp.establishDbConnection();
    expect(await AutoTemp.tableExists()).toBe(true);
    await AutoTemp.deleteTable();
  });

  it('a model with create: true creates its table on first use and retries the request', async () => {
    class Lazy extends Table.schema({
      tableName: 'lazy_edges',
      create: true,
      readCapacityUnits: 1,
      writeCapacityUnits: 1,
      attributes: { n: attr.integer() },
    }) {}
    log.clear();
    const lazy = await Lazy.create({ n: 1 });
    expect(log.operations.filter((o) => o === 'PutItem')).toHaveLength(2);
    expect(log.operations).toContain('CreateTable');
    expect((await Lazy.find(lazy.id, { consistent: true })).n).toBe(1);
    await Lazy.deleteTable();
  });

  it('connect: false refuses requests until establishDbConnection', async () => {
    class Strict extends Table.schema({
      tableName: 'stampeds',
      connect: false,
      attributes: { name: attr.string() },
    }) {}
    await expect(Strict.find('x')).rejects.toThrow(/connect: false/);
    await Strict.establishDbConnection();
    expect(await Strict.findByKey('nothing-here')).toBeNull();
  });
});
