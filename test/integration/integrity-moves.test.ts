/**
 * Moving a child to another parent (`push` of another parent's child, `dependent: 'nullify'`)
 * is one transaction: the new item, the old one deleted under its lock, and its guards
 * re-owned by the new key. A failure leaves everything as it was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { attr, RecordInvalid, StaleObjectError, Table, type HasMany } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';
import { guardProblems, guardsOf, ownerKey } from '../support/guard-table.js';
import { injectWriteFaults } from '../support/write-faults.js';

const { log, client } = useDynamo();

class Board extends Table.schema({ attributes: { name: attr.string() } }) {
  static {
    this.hasMany('cards', () => Card, { dependent: 'nullify' });
  }
  declare readonly cards: HasMany<Card>;
}
class Card extends Table.schema({
  hashKey: 'guid',
  belongsTo: { name: 'board', model: () => Board },
  attributes: { code: attr.string(), title: attr.string() },
}) {
  static {
    this.validates('code', { uniqueness: true });
  }
}

beforeAll(async () => {
  await Board.createTable();
  await Card.createTable();
});

const consistent = async () => expect(await guardProblems(client, Card, ['code'])).toEqual([]);

async function stored(boardId: string, guid: string) {
  return Card.findByKey(boardId, guid, { consistent: true });
}

describe('push of another parent’s child', () => {
  it('keeps its unique value guarded under the new key: a duplicate is refused', async () => {
    const board1 = await Board.createOrThrow({ name: 'one' });
    const board2 = await Board.createOrThrow({ name: 'two' });
    const card = await board1.cards.createOrThrow({ code: 'X1' });
    log.clear();
    await board2.cards.push(card);
    expect(log.operations).toEqual(['TransactWriteItems']);
    expect(card.readAttribute('boardId')).toBe(board2.id);
    await expect(board2.cards.createOrThrow({ code: 'X1' })).rejects.toBeInstanceOf(RecordInvalid);
    await expect(board1.cards.createOrThrow({ code: 'X1' })).rejects.toBeInstanceOf(RecordInvalid);
    const guards = await guardsOf(client, Card);
    expect(guards['code#X1']).toBe(
      ownerKey(Card, { boardId: { S: board2.id }, guid: { S: card.guid } }),
    );
    await consistent();
    // The card moved keeps working: its value is freed by its destroy.
    await card.destroyOrThrow();
    await board1.cards.createOrThrow({ code: 'X1' });
    await consistent();
  });

  it('with a unique value changed in the same move: the old one freed, the new one claimed', async () => {
    const board1 = await Board.createOrThrow({ name: 'one' });
    const board2 = await Board.createOrThrow({ name: 'two' });
    const card = await board1.cards.createOrThrow({ code: 'Y1' });
    card.code = 'Y2';
    await board2.cards.push(card);
    await consistent();
    await board1.cards.createOrThrow({ code: 'Y1' });
    await expect(board1.cards.createOrThrow({ code: 'Y2' })).rejects.toBeInstanceOf(RecordInvalid);
  });

  it('is all or nothing: a failed transaction leaves the child under its old parent only', async () => {
    const board1 = await Board.createOrThrow({ name: 'one' });
    const board2 = await Board.createOrThrow({ name: 'two' });
    const card = await board1.cards.createOrThrow({ code: 'Z1', title: 'before' });
    card.title = 'after';
    const faults = injectWriteFaults(client, (operation) =>
      operation === 'TransactWriteItems' ? 'fail' : undefined,
    );
    try {
      await expect(board2.cards.push(card)).rejects.toThrow(/injected/);
    } finally {
      faults.remove();
    }
    expect(card.readAttribute('boardId')).toBe(board1.id);
    expect(card.title).toBe('after');
    expect((await stored(board1.id, card.guid))?.title).toBe('before');
    expect(await stored(board2.id, card.guid)).toBeNull();
    await consistent();
    // The same instance moves once DynamoDB answers again.
    await board2.cards.push(card);
    expect(await stored(board1.id, card.guid)).toBeNull();
    expect((await stored(board2.id, card.guid))?.title).toBe('after');
    await consistent();
  });

  it('of a stale copy is a StaleObjectError that changes nothing', async () => {
    const board1 = await Board.createOrThrow({ name: 'one' });
    const board2 = await Board.createOrThrow({ name: 'two' });
    const card = await board1.cards.createOrThrow({ code: 'S1' });
    const stale = await Card.find(board1.id, card.guid);
    await card.updateOrThrow({ title: 'changed' });
    await expect(board2.cards.push(stale)).rejects.toBeInstanceOf(StaleObjectError);
    expect(stale.readAttribute('boardId')).toBe(board1.id);
    expect((await stored(board1.id, card.guid))?.title).toBe('changed');
    expect(await stored(board2.id, card.guid)).toBeNull();
    await consistent();
  });
});

describe('the lock of a moved child', () => {
  it('is bumped by the move: a copy read before it is stale, even after moving back', async () => {
    const board1 = await Board.createOrThrow({ name: 'one' });
    const board2 = await Board.createOrThrow({ name: 'two' });
    const card = await board1.cards.createOrThrow({ code: 'L1', title: 'first' });
    const stale = await Card.find(board1.id, card.guid);
    await board2.cards.push(card);
    expect(card.lockVersion).toBe(1);
    expect((await stored(board2.id, card.guid))?.lockVersion).toBe(1);
    await board1.cards.push(card);
    expect(card.lockVersion).toBe(2);
    expect((await stored(board1.id, card.guid))?.lockVersion).toBe(2);
    stale.title = 'stale';
    await expect(stale.saveOrThrow()).rejects.toBeInstanceOf(StaleObjectError);
    expect((await stored(board1.id, card.guid))?.title).toBe('first');
    // The moved instance itself saves under its new lock.
    await card.updateOrThrow({ title: 'moved twice' });
    expect((await stored(board1.id, card.guid))?.lockVersion).toBe(3);
    await consistent();
  });

  it('is put back on the instance when the move fails', async () => {
    const board1 = await Board.createOrThrow({ name: 'one' });
    const board2 = await Board.createOrThrow({ name: 'two' });
    const card = await board1.cards.createOrThrow({ code: 'L2' });
    const faults = injectWriteFaults(client, (operation) =>
      operation === 'TransactWriteItems' ? 'fail' : undefined,
    );
    try {
      await expect(board2.cards.push(card)).rejects.toThrow(/injected/);
    } finally {
      faults.remove();
    }
    expect(card.lockVersion).toBe(0);
    await card.updateOrThrow({ title: 'still here' });
    expect((await stored(board1.id, card.guid))?.lockVersion).toBe(1);
  });

  it('moved by nullify is bumped too', async () => {
    const board = await Board.createOrThrow({ name: 'nullified' });
    const card = await board.cards.createOrThrow({ code: 'L3' });
    expect(await board.destroy()).toBe(true);
    expect((await stored('NULL', card.guid))?.lockVersion).toBe(1);
  });
});

describe("dependent: 'nullify'", () => {
  it('moves every child under "NULL" with its guards, all or nothing per child', async () => {
    const board = await Board.createOrThrow({ name: 'gone' });
    const cards = await Promise.all(
      ['N1', 'N2', 'N3'].map((code) => board.cards.createOrThrow({ code })),
    );
    expect(await board.destroy()).toBe(true);
    for (const card of cards) {
      const orphan = await stored('NULL', card.guid);
      expect(orphan?.code).toBe(card.code);
      expect(await stored(board.id, card.guid)).toBeNull();
    }
    await consistent();
    const other = await Board.createOrThrow({ name: 'other' });
    await expect(other.cards.createOrThrow({ code: 'N2' })).rejects.toBeInstanceOf(RecordInvalid);
  });
});
