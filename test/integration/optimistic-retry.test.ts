import { beforeAll, describe, expect, it } from 'vitest';
import {
  attr,
  DynamoError,
  RecordInvalid,
  RecordNotFound,
  StaleObjectError,
  Table,
  transaction,
} from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { log } = useDynamo();

class Tally extends Table.schema({
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { count: attr.integer({ default: 0 }), label: attr.string() },
}) {
  static {
    this.validates('count', { numericality: { lessThanOrEqualTo: 1000 } });
  }
}

class Entry extends Table.schema({
  hashKey: 'ledger',
  rangeKey: 'seq',
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { seq: attr.integer(), total: attr.integer({ default: 0 }) },
}) {}

beforeAll(async () => {
  await Promise.all([Tally.createTable(), Entry.createTable()]);
});

describe('Model.withOptimisticRetry', () => {
  it('reads consistently, applies, saves: one GetItem and one UpdateItem without contention', async () => {
    const tally = await Tally.createOrThrow({ count: 1 });
    log.clear();
    const saved = await Tally.withOptimisticRetry(tally.id, (t) => {
      t.count = (t.count ?? 0) + 1;
    });
    expect(saved.count).toBe(2);
    expect(saved.lockVersion).toBe(1);
    expect(log.operations).toEqual(['GetItem', 'UpdateItem']);
    expect(log.inputs[0]?.ConsistentRead).toBe(true);
  });

  it('on StaleObjectError reads again and re-applies the change', async () => {
    const tally = await Tally.createOrThrow({ count: 0 });
    let calls = 0;
    const saved = await Tally.withOptimisticRetry(tally.id, async (t) => {
      calls += 1;
      if (calls === 1) await (await Tally.find(tally.id)).updateOrThrow({ count: 10 }); // someone else wins
      t.count = (t.count ?? 0) + 1;
    });
    expect(calls).toBe(2);
    expect(saved.count).toBe(11);
    expect((await Tally.find(tally.id)).count).toBe(11);
  });

  it('gives up after `attempts` tries and rethrows the StaleObjectError', async () => {
    const tally = await Tally.createOrThrow({ count: 0 });
    let calls = 0;
    const thrown = await Tally.withOptimisticRetry(
      tally.id,
      async (t) => {
        calls += 1;
        await (await Tally.find(tally.id)).updateOrThrow({ label: `other ${calls}` });
        t.count = (t.count ?? 0) + 1;
      },
      { attempts: 3, baseDelayMs: 1 },
    ).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(StaleObjectError);
    expect(calls).toBe(3);
    expect((await Tally.find(tally.id)).count).toBe(0);
  });

  it('does not retry other errors', async () => {
    const tally = await Tally.createOrThrow({ count: 0 });
    let calls = 0;
    const invalid = Tally.withOptimisticRetry(tally.id, (t) => {
      calls += 1;
      t.count = 5000;
    });
    await expect(invalid).rejects.toBeInstanceOf(RecordInvalid);
    expect(calls).toBe(1);
    await expect(Tally.withOptimisticRetry('no-such-id', () => {})).rejects.toBeInstanceOf(
      RecordNotFound,
    );
    await expect(transaction(() => Tally.withOptimisticRetry(tally.id, () => {}))).rejects.toThrow(
      DynamoError,
    );
  });

  it('takes [hash, range] for a table with a range key', async () => {
    await Entry.createOrThrow({ ledger: 'L', seq: 1 });
    const saved = await Entry.withOptimisticRetry(['L', 1], (e) => {
      e.total = 42;
    });
    expect((await Entry.find('L', 1)).total).toBe(42);
    expect(saved.lockVersion).toBe(1);
  });

  it('8 concurrent withOptimisticRetry increments of 25 each end at exactly 200', async () => {
    const tally = await Tally.createOrThrow({ count: 0 });
    const workers = Array.from({ length: 8 }, async () => {
      for (let i = 0; i < 25; i++) {
        await Tally.withOptimisticRetry(
          tally.id,
          (t) => {
            t.count = (t.count ?? 0) + 1;
          },
          { attempts: 50, baseDelayMs: 10 },
        );
      }
    });
    await Promise.all(workers);
    const final = await Tally.find(tally.id, { consistent: true });
    expect(final.count).toBe(200);
    expect(final.lockVersion).toBe(200);
  });
});
