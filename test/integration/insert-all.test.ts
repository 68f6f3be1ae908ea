import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { attr, DynamoError, Table, TableNotFound, type InsertProgress } from '../../src/index.js';
import { injectUnprocessed } from '../support/batch-faults.js';
import { useDynamo } from '../support/dynamo.js';

const { client, log, prefix } = useDynamo();

class Reading extends Table.schema({
  tableName: 'readings',
  create: true,
  attributes: {
    sensor: attr.string(),
    value: attr.integer(),
    note: attr.string(),
    at: attr.datetime(),
  },
}) {
  static {
    this.validates('sensor', { presence: true });
  }
}

const rows = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => ({
    id: `r${from + i}`,
    sensor: 's',
    value: from + i,
  }));

beforeAll(async () => {
  await Reading.establishDbConnection();
});

describe('insertAll', () => {
  it('writes 25 a BatchWriteItem, ids kept, each item as create would build it', async () => {
    log.clear();
    const report = await Reading.insertAll(rows(60));
    expect(report).toEqual({ written: 60, rejected: [], skipped: 0, retried: 0 });
    const writes = log.inputs.filter((_, i) => log.operations[i] === 'BatchWriteItem');
    expect(writes.map((w) => Object.values(w.RequestItems as object)[0].length).sort()).toEqual([
      10, 25, 25,
    ]);
    // overwrite: false checks each batch's keys first, with consistent reads.
    expect(log.count('BatchGetItem')).toBe(3);
    expect(log.count()).toBe(6);
    const r7 = await Reading.find('r7');
    expect(r7.value).toBe(7);
    expect(r7.lockVersion).toBe(0);
    expect(r7.createdAt).toBeInstanceOf(Date);
    expect(r7.updatedAt).toEqual(r7.createdAt);
  });

  it('rejects records that fail casting or validation, with their errors, and writes the rest', async () => {
    const report = await Reading.insertAll([
      { id: 'bad1', sensor: '', value: 1 },
      { id: 'bad2', sensor: 's', value: 'abc' as never },
      { id: 'bad3', sensor: 's', nope: 1 } as never,
      { id: 'good1', sensor: 's', value: '12' },
    ]);
    expect(report.written).toBe(1);
    expect(report.rejected.map((r) => [r.index, Object.keys(r.errors)])).toEqual([
      [0, ['sensor']],
      [1, ['value']],
      [2, ['nope']],
    ]);
    expect(report.rejected[0]!.errors.sensor).toEqual(["can't be blank"]);
    expect(report.rejected[1]!.errors.value![0]).toMatch(/Reading\.value.*not an integer/);
    expect(report.rejected[1]!.attributes).toEqual({ id: 'bad2', sensor: 's', value: 'abc' });
    expect(await Reading.findByKey('bad1')).toBeNull();
    expect((await Reading.find('good1')).value).toBe(12);
  });

  it('validate: false writes what only validation would refuse', async () => {
    const report = await Reading.insertAll([{ id: 'novalid', sensor: '' }], { validate: false });
    expect(report.written).toBe(1);
    expect(await Reading.findByKey('novalid')).not.toBeNull();
  });

  it('refuses existing keys by default, skips them with skipExisting, replaces them with overwrite', async () => {
    await Reading.create({ id: 'taken', sensor: 'original', value: 1 });
    const refused = await Reading.insertAll([
      { id: 'taken', sensor: 'new', value: 2 },
      { id: 'fresh1', sensor: 'new' },
    ]);
    expect(refused.written).toBe(1);
    expect(refused.rejected).toEqual([
      {
        attributes: { id: 'taken', sensor: 'new', value: 2 },
        errors: { base: ['Reading ["taken"] already exists'] },
        index: 0,
      },
    ]);
    expect((await Reading.find('taken')).sensor).toBe('original');

    const skipped = await Reading.insertAll([{ id: 'taken', sensor: 'new' }], {
      skipExisting: true,
    });
    expect(skipped).toEqual({ written: 0, rejected: [], skipped: 1, retried: 0 });

    log.clear();
    const replaced = await Reading.insertAll([{ id: 'taken', sensor: 'new', value: 3 }], {
      overwrite: true,
    });
    expect(replaced.written).toBe(1);
    expect(log.count('BatchGetItem')).toBe(0);
    expect((await Reading.find('taken')).value).toBe(3);
  });

  it('a key twice in the input: refused the second time, or the last wins with overwrite', async () => {
    const refused = await Reading.insertAll([
      { id: 'dup', sensor: 'first' },
      { id: 'dup', sensor: 'second' },
    ]);
    expect(refused.written).toBe(1);
    expect(refused.rejected[0]!.errors.base![0]).toMatch(/appears more than once/);
    expect((await Reading.find('dup')).sensor).toBe('first');

    const input = [...rows(30, 1000), { id: 'r1005', sensor: 'last' }, { id: 'dup2', sensor: 'a' }];
    input.splice(3, 0, { id: 'dup2', sensor: 'b' });
    const replaced = await Reading.insertAll([...input, { id: 'dup2', sensor: 'c' }], {
      overwrite: true,
      concurrency: 2,
    });
    expect(replaced.written).toBe(34);
    expect((await Reading.find('r1005')).sensor).toBe('last');
    expect((await Reading.find('dup2')).sensor).toBe('c');
  });

  it('streams an async iterable, reporting progress with a settled prefix', async () => {
    async function* generate() {
      for (let i = 0; i < 260; i++) {
        yield i % 50 === 7 ? { id: `a${i}`, sensor: '' } : { id: `a${i}`, sensor: 's', value: i };
      }
    }
    const seen: InsertProgress[] = [];
    const rejects: number[] = [];
    const report = await Reading.insertAll(generate(), {
      concurrency: 3,
      onProgress: (p) => seen.push({ ...p }),
      onReject: (r) => rejects.push(r.index),
    });
    expect(report.written).toBe(254);
    expect(report.rejected).toEqual([]);
    expect(rejects).toEqual([7, 57, 107, 157, 207, 257]);
    const settled = seen.map((p) => p.settled);
    expect(settled).toEqual([...settled].sort((a, b) => a - b));
    expect(seen.at(-1)).toEqual({
      written: 254,
      rejected: 6,
      skipped: 0,
      retried: 0,
      settled: 260,
    });
    expect(await Reading.count()).toBeGreaterThanOrEqual(254);
  });

  it('resends what DynamoDB leaves unprocessed and counts it', async () => {
    const faults = injectUnprocessed(client, 2);
    try {
      const report = await Reading.insertAll(rows(50, 5000), { overwrite: true, concurrency: 1 });
      expect(report.written).toBe(50);
      expect(report.retried).toBe(faults.dropped);
      expect(faults.dropped).toBeGreaterThan(0);
    } finally {
      faults.remove();
    }
    const item = await client.send(
      new GetItemCommand({ TableName: `${prefix}readings`, Key: { id: { S: 'r5049' } } }),
    );
    expect(item.Item?.value).toEqual({ N: '5049' });
  });

  it('refuses a concurrency that is not a whole number of 1 or more, before any request', async () => {
    log.clear();
    await expect(Reading.insertAll([{ id: 'c' }], { concurrency: 0 })).rejects.toThrow(
      'Reading.insertAll: concurrency must be a whole number of 1 or more, not 0',
    );
    await expect(Reading.insertAll([], { concurrency: Number.NaN })).rejects.toThrow(DynamoError);
    expect(log.count()).toBe(0);
  });

  it('fails with the error of a batch that cannot be written', async () => {
    class Missing extends Table.schema({ tableName: 'missing_table', attributes: {} }) {}
    await expect(Missing.insertAll([{ id: 'x' }])).rejects.toThrow(TableNotFound);
  });

  it('refuses a model with uniqueness validations instead of leaving values unguarded', async () => {
    class Account extends Table.schema({ attributes: { email: attr.string() } }) {
      static {
        this.validates('email', { uniqueness: true });
      }
    }
    await expect(Account.insertAll([{ email: 'a@b' }])).rejects.toThrow(DynamoError);
    await expect(Account.insertAll([{ email: 'a@b' }])).rejects.toThrow(
      /cannot keep the unique-value guards of 'email'/,
    );
  });
});

describe('insertAll with callbacks', () => {
  const events: string[] = [];
  class Audited extends Table.schema({
    tableName: 'audited',
    create: true,
    attributes: { name: attr.string(), slug: attr.string() },
  }) {
    static {
      this.beforeSave((r: Audited) => {
        events.push(`beforeSave ${r.name}`);
        r.slug = r.name.toLowerCase();
        if (r.name === 'Throw') throw new Error('refused by beforeSave');
        return r.name !== 'Halt';
      });
      this.beforeCreate((r: Audited) => r.name !== 'NoCreate');
      this.afterCreate(async (r: Audited) => {
        const stored = await Audited.findByKey(r.id as string);
        events.push(`afterCreate ${r.name} stored=${stored !== null} persisted=${r.isPersisted()}`);
      });
    }
  }

  it('runs save and create callbacks around the batched write; a halting callback rejects', async () => {
    await Audited.establishDbConnection();
    const report = await Audited.insertAll(
      [
        { id: 'a', name: 'Alpha' },
        { id: 'h', name: 'Halt' },
        { id: 'b', name: 'Beta' },
      ],
      { callbacks: true },
    );
    expect(report.written).toBe(2);
    expect(report.rejected.map((r) => [r.index, r.errors])).toEqual([
      [1, { base: ['Audited was not saved: a before-callback halted it'] }],
    ]);
    expect((await Audited.find('a')).slug).toBe('alpha');
    expect(events.sort()).toEqual([
      'afterCreate Alpha stored=true persisted=true',
      'afterCreate Beta stored=true persisted=true',
      'beforeSave Alpha',
      'beforeSave Beta',
      'beforeSave Halt',
    ]);
  });

  it('a halting beforeCreate or a throwing beforeSave rejects; keys are generated; oversize items are refused', async () => {
    const report = await Audited.insertAll(
      [{ name: 'NoCreate' }, { name: 'Throw' }, { name: 'Keyless' }, { name: 'x'.repeat(400_001) }],
      { callbacks: true },
    );
    expect(report.written).toBe(1);
    expect(report.rejected.map((r) => r.errors.base![0])).toEqual([
      'Audited was not saved: a before-callback halted it',
      'refused by beforeSave',
      expect.stringMatching(/too large|exceeds|400 KB|limit/i),
    ]);
    const keyless = (await Audited.all()).find((a) => a.name === 'Keyless');
    expect(keyless?.id).toMatch(/^[0-9a-f-]{36}$/);
    const plain = await Audited.insertAll([{ name: 'y'.repeat(410_000) }]);
    expect(plain.rejected[0]!.errors.base![0]).toMatch(/too large|exceeds|400 KB|limit/i);
  });

  it("when a batch fails, the records' callbacks see the failure and insertAll throws it", async () => {
    class Lost extends Table.schema({
      tableName: 'lost_table',
      attributes: { n: attr.integer() },
    }) {
      static {
        this.afterCreate(() => {
          throw new Error('never reached');
        });
      }
    }
    await expect(
      Lost.insertAll(
        Array.from({ length: 30 }, (_, n) => ({ n })),
        { callbacks: true },
      ),
    ).rejects.toThrow(TableNotFound);
  });

  it('without callbacks: true none run', async () => {
    events.length = 0;
    await Audited.insertAll([{ id: 'c', name: 'Gamma' }]);
    expect(events).toEqual([]);
    expect((await Audited.find('c')).slug).toBe('');
  });
});
