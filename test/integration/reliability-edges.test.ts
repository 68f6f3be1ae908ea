/**
 * Edges of the persistence pipeline and table management that the feature files do not
 * reach: models without timestamps or locking, misuse of touch and increment, writes on
 * destroyed records, items written by other programs, and table lifecycle corner cases.
 */
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  attr,
  DynamoError,
  ReadOnlyRecord,
  RecordNotFound,
  StaleObjectError,
  Table,
  TableNotFound,
} from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { log, client, prefix } = useDynamo();

class Bare extends Table.schema({
  timestamps: false,
  locking: false,
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: {
    name: attr.string(),
    count: attr.integer(),
    seenAt: attr.datetime(),
    meta: attr.json<Record<string, unknown>>(),
  },
}) {}

class Stamped extends Table.schema({
  timestamps: ['bornAt', 'changedAt'],
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { name: attr.string(), ratio: attr.float(), seenAt: attr.datetime() },
}) {}

beforeAll(async () => {
  await Promise.all([Bare.createTable(), Stamped.createTable()]);
});

describe('models without timestamps or locking', () => {
  it('create, update, touch, destroy send no timestamp or lock, and a failed create restores the key', async () => {
    const bare = await Bare.create({ name: 'a' });
    expect(bare.attributes).toEqual({
      id: bare.id,
      name: 'a',
      count: null,
      seenAt: null,
      meta: null,
    });
    log.clear();
    bare.name = 'b';
    await bare.saveOrThrow();
    const update = log.inputs[0] as { UpdateExpression: string; ConditionExpression: string };
    expect(update.UpdateExpression).toBe('SET #n0 = :v0');
    expect(update.ConditionExpression).toBe('attribute_exists(#n1)');
    // Nothing changed and nothing to stamp: no request at all.
    log.clear();
    expect(await bare.save()).toBe(true);
    expect(log.operations).toEqual([]);
    await bare.touch('seenAt');
    expect(bare.seenAt).toBeInstanceOf(Date);
    expect(await bare.destroy()).toBe(true);

    const clash = new Bare({ id: bare.id === 'x' ? 'y' : 'x', name: 'first' });
    await clash.saveOrThrow();
    const again = new Bare({ id: clash.id });
    await expect(again.save()).rejects.toThrow(/already exists/);
    expect(again.isNewRecord()).toBe(true);
  });

  it('an update of an item deleted meanwhile throws StaleObjectError even without locking', async () => {
    const bare = await Bare.create({ name: 'doomed' });
    await Bare.delete(bare.id);
    bare.name = 'late';
    await expect(bare.save()).rejects.toBeInstanceOf(StaleObjectError);
    expect(bare.isChanged('name')).toBe(true);
  });
});

describe('custom timestamp names', () => {
  it('sets both on create unless assigned, and the second on update and touch', async () => {
    const born = new Date('2020-01-01T00:00:00Z');
    const stamped = await Stamped.create({ name: 'x', bornAt: born } as never);
    expect(stamped.readAttribute('bornAt')).toEqual(born);
    const first = stamped.readAttribute('changedAt') as Date;
    expect(first.getTime()).toBeGreaterThan(born.getTime());
    await new Promise((resolve) => setTimeout(resolve, 5));
    await stamped.touch();
    expect((stamped.readAttribute('changedAt') as Date).getTime()).toBeGreaterThan(first.getTime());
    expect(stamped.readAttribute('bornAt')).toEqual(born);
  });
});

describe('misuse is refused with a clear error', () => {
  it('touch of a new record, or of an attribute that is not a datetime', async () => {
    await expect(new Stamped().touch()).rejects.toThrow(/Cannot touch a new Stamped/);
    const stamped = await Stamped.create({ name: 'y' });
    // @ts-expect-error: touch takes a datetime attribute; at run time too
    await expect(stamped.touch('name')).rejects.toThrow(
      /Stamped\.name: it is not a datetime attribute/,
    );
    // @ts-expect-error: an unknown name
    await expect(stamped.touch('nope')).rejects.toThrow(DynamoError);
    expect(stamped.lockVersion).toBe(0);
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

  it('save, touch, increment and destroy of a destroyed record throw ReadOnlyRecord', async () => {
    const stamped = await Stamped.create({ name: 'gone' });
    await stamped.destroy();
    log.clear();
    for (const action of [
      () => stamped.save(),
      () => stamped.touch(),
      () => stamped.increment('ratio'),
      () => stamped.destroy(),
    ]) {
      await expect(action()).rejects.toBeInstanceOf(ReadOnlyRecord);
    }
    expect(() => stamped.writeAttribute('name', 'x')).toThrow(ReadOnlyRecord);
    expect(log.operations).toEqual([]);
  });

  it('delete of an already deleted instance sends nothing; reload of a vanished item throws RecordNotFound', async () => {
    const stamped = await Stamped.create({ name: 'twice' });
    await stamped.delete();
    log.clear();
    await stamped.delete();
    expect(log.operations).toEqual([]);
    const other = await Stamped.create({ name: 'vanishing' });
    await Stamped.delete(other.id);
    await expect(other.reload()).rejects.toBeInstanceOf(RecordNotFound);
    expect(other.name).toBe('vanishing');
  });
});

describe('items written by other programs', () => {
  it('unknown attributes are kept on update; an item without a lock attribute counts as version 0', async () => {
    await client.send(
      new PutItemCommand({
        TableName: `${prefix}stampeds`,
        Item: {
          id: { S: 'foreign' },
          name: { S: 'old' },
          extra: { B: new Uint8Array([1, 2, 3]) },
          legacy: { SS: ['a'] },
        },
      }),
    );
    const stamped = await Stamped.find('foreign', { consistent: true });
    expect(stamped.lockVersion ?? 0).toBe(0);
    expect(stamped.isChanged()).toBe(false);
    stamped.name = 'new';
    await stamped.saveOrThrow();
    expect(stamped.lockVersion).toBe(1);
    const found = await Stamped.find('foreign', { consistent: true });
    expect(found.name).toBe('new');
    expect(found.lockVersion).toBe(1);
    const raw = await client.send(
      new GetItemCommand({
        TableName: `${prefix}stampeds`,
        Key: { id: { S: 'foreign' } },
        ConsistentRead: true,
      }),
    );
    expect(raw.Item?.extra).toEqual({ B: new Uint8Array([1, 2, 3]) });
    expect(raw.Item?.legacy).toEqual({ SS: ['a'] });
  });
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

class Diary extends Table.schema({
  hashKey: 'owner',
  rangeKey: 'day',
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { day: attr.datetime(), text: attr.string(), mood: attr.string() },
  globalSecondaryIndexes: [{ hashKey: 'mood', projection: 'keysOnly' }],
}) {}

class Halting extends Table.schema({ tableName: 'stampeds', attributes: { name: attr.string() } }) {
  static {
    this.beforeCreate((record) => record.name !== 'halt');
    this.validates('name', { length: { maximum: 10 } });
  }
}

class HaltingChild extends Halting {
  static {
    this.beforeUpdate((record) => record.name !== 'halt');
    this.validates('name', { presence: true });
  }
}

describe('keys in messages, key changes, halts and inherited declarations', () => {
  beforeAll(async () => {
    await Diary.createTable();
  });

  it('errors about a record with a datetime range key name both keys, the date in ISO form', async () => {
    const day = new Date('2024-02-29T00:00:00Z');
    const a = await Diary.create({ owner: 'ann', day, text: 'one' });
    const b = await Diary.find('ann', day, { consistent: true });
    a.text = 'two';
    await a.saveOrThrow();
    b.text = 'three';
    await expect(b.save()).rejects.toThrow(
      'Diary ["ann","2024-02-29T00:00:00.000Z"] was changed or deleted',
    );
  });

  it('a key of a persisted record cannot change, but may be assigned its own value', async () => {
    const day = new Date('2024-03-01T00:00:00Z');
    const entry = await Diary.create({ owner: 'bob', day });
    entry.writeAttribute('day', new Date(day.getTime()));
    entry.writeAttribute('owner', 'bob');
    expect(() => entry.writeAttribute('day', new Date(0))).toThrow(
      /Cannot change Diary\.day: it is part of the primary key/,
    );
    expect(() => entry.writeAttribute('owner', 'eve')).toThrow(/Cannot change Diary\.owner/);
    expect(entry.owner).toBe('bob');
  });

  it('an update that only empties attributes sends a REMOVE alone', async () => {
    const bare = await Bare.create({ name: 'n', count: 3 });
    log.clear();
    bare.name = '';
    bare.count = null;
    await bare.saveOrThrow();
    expect((log.inputs[0] as { UpdateExpression: string }).UpdateExpression).toBe(
      'REMOVE #n0, #n1',
    );
    const found = await Bare.find(bare.id, { consistent: true });
    expect([found.name, found.count]).toEqual(['', null]);
  });

  it('a before-create or before-update callback returning false halts the save, leaving the record as it was', async () => {
    log.clear();
    const halted = new Halting({ name: 'halt' });
    expect(await halted.save()).toBe(false);
    expect(halted.isNewRecord()).toBe(true);
    expect(halted.id).toBe('');
    const child = await HaltingChild.create({ name: 'ok' });
    child.name = 'halt';
    expect(await child.save()).toBe(false);
    expect(child.lockVersion).toBe(0);
    expect(log.operations).toEqual(['PutItem']);
    // The child kept its parent's declarations and added its own.
    const blank = new HaltingChild({ name: '' });
    expect(await blank.isValid()).toBe(false);
    expect(blank.errors.get('name')).toEqual(["can't be blank"]);
    expect(await new HaltingChild({ name: 'x'.repeat(11) }).isValid()).toBe(false);
    expect(await new Halting({ name: '' }).isValid()).toBe(true);
  });

  it('malformed key queries are refused before sending', async () => {
    log.clear();
    await expect(Bare.query('a', '=', 1)).rejects.toThrow(/Bare has no range key/);
    await expect(Diary.query('ann', 'LIKE' as never, 1)).rejects.toThrow(/expected a comparator/);
    await expect(Diary.findGlobal('mood', 'happy', 'day', '=', 1)).rejects.toThrow(
      /Diary declares no global index/,
    );
    await expect(Diary.findLocal('owner', 'ann', 'text', '=', 'x')).rejects.toThrow(/text/);
    for (const limit of [0, -1, 1.5]) {
      await expect(Diary.queryPage('ann', { limit })).rejects.toThrow(
        /limit must be a positive integer/,
      );
    }
    expect(log.operations).toEqual([]);
  });
});
