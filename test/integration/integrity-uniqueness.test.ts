/**
 * Unique-value guards are written and deleted only by their owner, from the values DynamoDB
 * holds, in the same transaction as the item's write: a stale copy never frees another
 * record's value, and every way of removing items leaves the guard table exactly consistent
 * with the items (read raw after each case).
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { attr, DynamoError, RecordInvalid, Table, type HasMany } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';
import { guardProblems, guardsOf, ownerKey } from '../support/guard-table.js';
import { injectWriteFaults } from '../support/write-faults.js';

const { log, client } = useDynamo();

class Account extends Table.schema({ attributes: { email: attr.string(), name: attr.string() } }) {
  static {
    this.validates('email', { uniqueness: true });
  }
}
class Loose extends Table.schema({
  locking: false,
  attributes: { email: attr.string(), seat: attr.integer() },
}) {
  static {
    this.validates(['email', 'seat'], { uniqueness: true });
  }
}
class Deck extends Table.schema({ attributes: { name: attr.string() } }) {
  static {
    this.hasMany('cards', () => Card); // dependent: 'delete'
  }
  declare readonly cards: HasMany<Card>;
}
class Card extends Table.schema({ hashKey: 'guid', attributes: { code: attr.string() } }) {
  static {
    this.belongsTo('deck', () => Deck);
    this.validates('code', { uniqueness: true });
  }
}

beforeAll(async () => {
  for (const model of [Account, Loose, Deck, Card]) await model.createTable();
});

const consistent = async (model: typeof Account | typeof Loose | typeof Card, uniques: string[]) =>
  expect(await guardProblems(client, model, uniques)).toEqual([]);

describe('a stale copy', () => {
  it('delete() frees the value its item holds, never the one it read', async () => {
    const u1 = await Account.createOrThrow({ email: 'a@x' });
    const stale = await Account.find(u1.id);
    await u1.updateOrThrow({ email: 'b@x' });
    const u2 = await Account.createOrThrow({ email: 'a@x' });

    await stale.delete();

    expect(stale.isDestroyed()).toBe(true);
    expect(await Account.findByKey(u1.id)).toBeNull();
    // a@x is still u2's: a third record cannot take it.
    await expect(Account.createOrThrow({ email: 'a@x' })).rejects.toBeInstanceOf(RecordInvalid);
    // b@x was u1's and is free now that u1 is gone.
    const u3 = await Account.createOrThrow({ email: 'b@x' });
    const guards = await guardsOf(client, Account);
    expect(guards['email#a@x']).toBe(JSON.stringify({ id: { S: u2.id } }));
    expect(guards['email#b@x']).toBe(JSON.stringify({ id: { S: u3.id } }));
    await consistent(Account, ['email']);
  });

  it('destroy() of a stale copy is a StaleObjectError and releases nothing', async () => {
    const u1 = await Account.createOrThrow({ email: 'c@x' });
    const stale = await Account.find(u1.id);
    await u1.updateOrThrow({ email: 'd@x' });
    await expect(stale.destroy()).rejects.toThrow(/stale/);
    await expect(Account.createOrThrow({ email: 'd@x' })).rejects.toBeInstanceOf(RecordInvalid);
    await consistent(Account, ['email']);
  });

  it('without locking, update and destroy work from what DynamoDB holds', async () => {
    const l1 = await Loose.createOrThrow({ email: 'e@x', seat: 1 });
    const stale = await Loose.find(l1.id);
    await l1.updateOrThrow({ email: 'f@x' });
    const l2 = await Loose.createOrThrow({ email: 'e@x', seat: 2 });

    // The stale copy changes the seat: the guard released is its item's seat, not e@x.
    stale.seat = 3;
    await stale.saveOrThrow();
    await consistent(Loose, ['email', 'seat']);
    expect((await Loose.find(l1.id)).email).toBe('f@x');

    // Its destroy frees f@x and seat 3, and leaves e@x to l2.
    const staler = await Loose.find(l1.id);
    await l1.updateOrThrow({ email: 'g@x' });
    await staler.destroy();
    expect(await Loose.findByKey(l1.id)).toBeNull();
    await consistent(Loose, ['email', 'seat']);
    const guards = await guardsOf(client, Loose);
    expect(guards['email#e@x']).toBe(JSON.stringify({ id: { S: l2.id } }));
    expect(guards['email#g@x']).toBeUndefined();
    await Loose.createOrThrow({ email: 'g@x', seat: 3 });
    await consistent(Loose, ['email', 'seat']);
  });

  it('a guard owned by another record (left by older versions) is never deleted', async () => {
    const owner = await Account.createOrThrow({ email: 'h@x' });
    // An item holding h@x without owning its guard, as a duplicate written before guards were exact.
    await client.send(
      new PutItemCommand({
        TableName: Account.tableFullName,
        Item: { id: { S: 'duplicate-h' }, email: { S: 'h@x' }, lockVersion: { N: '0' } },
      }),
    );
    const loaded = await Account.find('duplicate-h');
    expect(await loaded.destroy()).toBe(true);
    expect(await Account.findByKey('duplicate-h')).toBeNull();
    const guards = await guardsOf(client, Account);
    expect(guards['email#h@x']).toBe(JSON.stringify({ id: { S: owner.id } }));
  });
});

describe('removal without an instance', () => {
  it('Model.delete(h) deletes the item and its guards in one transaction', async () => {
    const account = await Account.createOrThrow({ email: 'm@x' });
    log.clear();
    expect(await Account.delete(account.id)).toBe(true);
    expect(log.operations).toEqual(['GetItem', 'TransactWriteItems']);
    expect(await Account.delete(account.id)).toBe(false);
    await Account.createOrThrow({ email: 'm@x' });
    await consistent(Account, ['email']);
  });

  it('Model.delete(h) whose transaction fails leaves item and guard as they were', async () => {
    const account = await Account.createOrThrow({ email: 'n@x' });
    const faults = injectWriteFaults(client, (operation) =>
      operation === 'TransactWriteItems' ? 'fail' : undefined,
    );
    try {
      await expect(Account.delete(account.id)).rejects.toThrow(/injected/);
    } finally {
      faults.remove();
    }
    expect(await Account.findByKey(account.id)).not.toBeNull();
    await consistent(Account, ['email']);
  });

  it('a dependent delete and collection.deleteAll take the children’s guards with them', async () => {
    const deck = await Deck.createOrThrow({ name: 'd' });
    for (const code of ['k1', 'k2', 'k3']) await deck.cards.createOrThrow({ code });
    expect(await deck.cards.deleteAll()).toBe(3);
    await consistent(Card, ['code']);
    await deck.cards.createOrThrow({ code: 'k1' });
    await deck.cards.createOrThrow({ code: 'k4' });
    expect(await deck.destroy()).toBe(true);
    await consistent(Card, ['code']);
    const again = await Deck.createOrThrow({ name: 'again' });
    await again.cards.createOrThrow({ code: 'k1' });
    await again.cards.createOrThrow({ code: 'k4' });
    await consistent(Card, ['code']);
  });

  it('Model.deleteAll with creates running beside it removes exactly the guards of removed items', async () => {
    for (let i = 0; i < 30; i++) await Account.createOrThrow({ email: `all${i}@x` });
    const creates = Promise.all(
      Array.from({ length: 20 }, (_, i) => Account.createOrThrow({ email: `late${i}@x` })),
    );
    const [deleted] = await Promise.all([Account.deleteAll(), creates]);
    expect(deleted).toBeGreaterThanOrEqual(30);
    await consistent(Account, ['email']);
    for (const account of await Account.all({ consistent: true }))
      expect(account.email).toMatch(/^late/);
    await Account.createOrThrow({ email: 'all0@x' });
    await consistent(Account, ['email']);
  });
});

it('increment of a unique attribute is refused before any request', async () => {
  const loose = await Loose.createOrThrow({ email: 'i@x', seat: 40 });
  log.clear();
  const error = await loose.increment('seat').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DynamoError);
  expect((error as Error).message).toMatch(/Cannot increment Loose\.seat: it is unique/);
  expect(log.count()).toBe(0);
  expect(ownerKey(Loose, { id: { S: loose.id } })).toBe(JSON.stringify({ id: { S: loose.id } }));
});
