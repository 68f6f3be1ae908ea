import { GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  attr,
  DynamoError,
  RecordInvalid,
  RecordNotUnique,
  StaleObjectError,
  Table,
  transaction,
} from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { log, client, prefix } = useDynamo();

const committed: string[] = [];

class Account extends Table.schema({
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: {
    name: attr.string(),
    balance: attr.integer({ default: 0 }),
    visits: attr.integer({ default: 0 }),
  },
}) {
  static {
    this.validates('name', { presence: true });
    this.afterCommit((account) => {
      committed.push(account.name);
    });
  }
}

beforeAll(async () => {
  await Account.createTable();
});

async function stored(id: unknown): Promise<Record<string, AttributeValue> | undefined> {
  const out = await client.send(
    new GetItemCommand({
      TableName: `${prefix}accounts`,
      Key: { id: { S: String(id) } },
      ConsistentRead: true,
    }),
  );
  return out.Item;
}

/** Everything about an instance that a cancelled transaction must leave as it was. */
function observe(account: Account) {
  return {
    attributes: account.attributes,
    lock: account.lockVersion,
    isNewRecord: account.isNewRecord(),
    isDestroyed: account.isDestroyed(),
    changes: account.changes(),
    key: account.toKey(),
  };
}

describe('transaction()', () => {
  it('sends the writes of the block as one TransactWriteItems, invisible before the commit', async () => {
    const a = await Account.createOrThrow({ name: 'a', balance: 100 });
    const b = await Account.createOrThrow({ name: 'b', balance: 0 });
    log.clear();
    let seenInside: unknown = 'not read';
    const created = new Account({ name: 'c' });
    const result = await transaction(async () => {
      a.balance = (a.balance ?? 0) - 30;
      await a.saveOrThrow();
      b.balance = (b.balance ?? 0) + 30;
      await b.saveOrThrow();
      await created.saveOrThrow();
      seenInside = await stored(created.id);
      return 'done';
    });
    expect(result).toBe('done');
    expect(seenInside).toBeUndefined();
    // The raw read inside the block, then the one write request.
    expect(log.operations).toEqual(['GetItem', 'TransactWriteItems']);
    expect(log.inputs[1]?.TransactItems).toHaveLength(3);
    expect((await stored(a.id))?.balance).toEqual({ N: '70' });
    expect((await stored(b.id))?.balance).toEqual({ N: '30' });
    expect((await stored(created.id))?.name).toEqual({ S: 'c' });
    expect([a.lockVersion, b.lockVersion, created.lockVersion]).toEqual([1, 1, 0]);
    expect(a.isChanged() || b.isChanged() || created.isChanged()).toBe(false);
  });

  it('a three-record transaction with one stale record leaves all items and instances unchanged', async () => {
    const a = await Account.createOrThrow({ name: 'a3', balance: 10 });
    const b = await Account.createOrThrow({ name: 'b3', balance: 20 });
    const c = new Account({ name: 'c3', balance: 30 });
    // b goes stale: someone else saves it after we read it.
    const elsewhere = await Account.find(b.id);
    elsewhere.balance = 21;
    await elsewhere.saveOrThrow();
    a.balance = 11;
    b.balance = 22;
    const items = [await stored(a.id), await stored(b.id)];
    const before = [observe(a), observe(b), observe(c)];
    const thrown = await transaction(async () => {
      await a.saveOrThrow();
      await b.saveOrThrow();
      await c.saveOrThrow();
      expect(c.isNewRecord()).toBe(false); // as if written, until DynamoDB says no
    }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(StaleObjectError);
    expect((thrown as StaleObjectError).record).toBe(b);
    expect((thrown as StaleObjectError).action).toBe('update');
    expect([observe(a), observe(b), observe(c)]).toEqual(before);
    expect(c.id).toBe('');
    expect([await stored(a.id), await stored(b.id)]).toEqual(items);
    // Nothing of c was written: no item has its name.
    expect((await Account.all()).filter((x) => x.name === 'c3')).toHaveLength(0);
    // The instances can be saved normally afterwards (b after a reload).
    await a.saveOrThrow();
    expect((await stored(a.id))?.balance).toEqual({ N: '11' });
  });

  it('a key collision throws RecordNotUnique for that record; destroy and touch are undone too', async () => {
    const existing = await Account.createOrThrow({ name: 'existing' });
    const doomed = await Account.createOrThrow({ name: 'doomed' });
    const touched = await Account.createOrThrow({ name: 'touched' });
    const duplicate = new Account({ id: existing.id as string, name: 'dup' });
    const before = [observe(doomed), observe(touched)];
    const thrown = await transaction(async () => {
      await doomed.destroyOrThrow();
      await touched.touch();
      await duplicate.saveOrThrow();
    }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(RecordNotUnique);
    expect((thrown as RecordNotUnique).record).toBe(duplicate);
    expect([observe(doomed), observe(touched)]).toEqual(before);
    expect(doomed.isDestroyed()).toBe(false);
    doomed.name = 'still writable';
    await doomed.saveOrThrow();
    expect((await stored(existing.id))?.name).toEqual({ S: 'existing' });
  });

  it('save → false inside the block lets the application decide; the rest commits', async () => {
    const valid = new Account({ name: 'valid' });
    const invalid = new Account({ name: '' });
    log.clear();
    const saved = await transaction(async () => [await valid.save(), await invalid.save()]);
    expect(saved).toEqual([true, false]);
    expect(invalid.errors.get('name')).toEqual(["can't be blank"]);
    expect(log.operations).toEqual(['TransactWriteItems']);
    expect(await stored(valid.id)).toBeDefined();
  });

  it('saveOrThrow of an invalid record aborts the block: nothing is sent, everything is restored', async () => {
    const first = new Account({ name: 'first' });
    const invalid = new Account({ name: '' });
    log.clear();
    await expect(
      transaction(async () => {
        await first.saveOrThrow();
        await invalid.saveOrThrow();
      }),
    ).rejects.toBeInstanceOf(RecordInvalid);
    expect(log.operations).toEqual([]);
    expect(first.isNewRecord()).toBe(true);
    expect(first.id).toBe('');
  });

  it('any error thrown by the block aborts it', async () => {
    const account = await Account.createOrThrow({ name: 'abort' });
    account.balance = 5;
    log.clear();
    await expect(
      transaction(async () => {
        await account.saveOrThrow();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(log.operations).toEqual([]);
    expect(account.lockVersion).toBe(0);
    expect(account.changes()).toEqual({ balance: [0, 5] });
  });

  it('afterCommit runs after the commit, and not at all when the transaction fails', async () => {
    committed.length = 0;
    const order: string[] = [];
    await transaction(async () => {
      await Account.createOrThrow({ name: 'x1' });
      await Account.createOrThrow({ name: 'x2' });
      order.push(`inside: ${committed.length}`);
    });
    order.push(`after: ${committed.join(',')}`);
    expect(order).toEqual(['inside: 0', 'after: x1,x2']);
    committed.length = 0;
    const existing = await Account.createOrThrow({ name: 'y0' });
    committed.length = 0;
    await expect(
      transaction(async () => {
        await Account.createOrThrow({ name: 'y1' });
        await new Account({ id: existing.id as string, name: 'y2' }).saveOrThrow();
      }),
    ).rejects.toBeInstanceOf(RecordNotUnique);
    expect(committed).toEqual([]);
  });

  it('reads inside the block go straight to DynamoDB; a nested transaction joins the outer one', async () => {
    const account = await Account.createOrThrow({ name: 'reader' });
    log.clear();
    await transaction(async () => {
      const found = await Account.find(account.id);
      found.balance = 1;
      await found.saveOrThrow();
      await transaction(async () => {
        await Account.createOrThrow({ name: 'nested' });
      });
      expect(log.operations).toEqual(['GetItem']);
    });
    expect(log.operations).toEqual(['GetItem', 'TransactWriteItems']);
    expect(log.inputs[1]?.TransactItems).toHaveLength(2);
  });

  it('refuses more than 100 writes, or two writes of one item, before sending anything', async () => {
    log.clear();
    const many = Array.from({ length: 101 }, (_, i) => new Account({ name: `m${i}` }));
    await expect(
      transaction(async () => {
        for (const account of many) await account.saveOrThrow();
      }),
    ).rejects.toThrow(/101 writes.*at most 100/);
    expect(many.every((account) => account.isNewRecord())).toBe(true);
    const twice = await Account.createOrThrow({ name: 'twice' });
    log.clear();
    const thrown = await transaction(async () => {
      await twice.update({ balance: 1 });
      await twice.update({ balance: 2 });
    }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(DynamoError);
    expect((thrown as Error).message).toMatch(/writes Account ".*" twice \(update, then update\)/);
    expect(log.operations).toEqual([]);
    expect(twice.lockVersion).toBe(0);
  });

  it('increments commit with the rest; the value returned inside is an estimate, undone on failure', async () => {
    const account = await Account.createOrThrow({ name: 'counted', visits: 5 });
    const bump = await transaction(async () => account.increment('visits', 3));
    expect(bump).toBe(8);
    expect((await stored(account.id))?.visits).toEqual({ N: '8' });
    const existing = await Account.createOrThrow({ name: 'clash' });
    await expect(
      transaction(async () => {
        await account.increment('visits');
        await new Account({ id: existing.id as string, name: 'clash2' }).saveOrThrow();
      }),
    ).rejects.toBeInstanceOf(RecordNotUnique);
    expect(account.visits).toBe(8);
    expect(account.isChanged()).toBe(false);
    expect((await stored(account.id))?.visits).toEqual({ N: '8' });
  });
});
