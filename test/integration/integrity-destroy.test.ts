/**
 * A destroy checks the record's lock before any dependent or link is touched: a stale destroy
 * leaves every child and link as it was. A cascade larger than one transaction that fails
 * midway leaves the record and the children not yet reached; destroying again finishes it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  attr,
  StaleObjectError,
  Table,
  transaction,
  type HasAndBelongsToMany,
  type HasMany,
} from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';
import { guardProblems } from '../support/guard-table.js';
import { injectWriteFaults } from '../support/write-faults.js';

const { log, client } = useDynamo();

class Hall extends Table.schema({ attributes: { name: attr.string() } }) {
  static {
    this.hasMany('rooms', () => Room, { dependent: 'destroy' });
    this.hasMany('notes', () => Note); // dependent: 'delete'
    this.hasMany('guests', () => Guest, { dependent: 'nullify' });
    this.hasAndBelongsToMany('labels', () => Label);
  }
  declare readonly rooms: HasMany<Room>;
  declare readonly notes: HasMany<Note>;
  declare readonly guests: HasMany<Guest>;
  declare readonly labels: HasAndBelongsToMany<Label>;
}
class Room extends Table.schema({ hashKey: 'guid', attributes: { code: attr.string() } }) {
  static {
    this.belongsTo('hall', () => Hall);
    this.hasMany('seats', () => Seat, { dependent: 'destroy' });
    this.validates('code', { uniqueness: true });
  }
  declare readonly seats: HasMany<Seat>;
}
class Seat extends Table.schema({ hashKey: 'guid', attributes: { row: attr.integer() } }) {
  static {
    this.belongsTo('room', () => Room, { compositeKey: true });
  }
}
class Note extends Table.schema({ hashKey: 'guid', attributes: { text: attr.string() } }) {
  static {
    this.belongsTo('hall', () => Hall);
  }
}
class Guest extends Table.schema({ hashKey: 'guid', attributes: { name: attr.string() } }) {
  static {
    this.belongsTo('hall', () => Hall);
  }
}
class Label extends Table.schema({ attributes: { name: attr.string() } }) {
  static {
    this.hasAndBelongsToMany('halls', () => Hall);
  }
  declare readonly halls: HasAndBelongsToMany<Hall>;
}

beforeAll(async () => {
  for (const model of [Hall, Room, Seat, Note, Guest, Label]) await model.createTable();
});

async function furnishedHall(): Promise<{ hall: Hall; label: Label }> {
  const hall = await Hall.createOrThrow({ name: 'main' });
  for (const code of ['a', 'b']) {
    const room = await hall.rooms.createOrThrow({ code: `${hall.id}-${code}` });
    await room.seats.createOrThrow({ row: 1 });
  }
  await hall.notes.createOrThrow({ text: 'n' });
  await hall.guests.createOrThrow({ name: 'g' });
  const label = await Label.createOrThrow({ name: 'l' });
  await hall.labels.push(label);
  return { hall, label };
}

async function contents(hall: Hall, label: Label) {
  const rooms = await hall.rooms.reload();
  const seats = await Promise.all(rooms.map((room) => room.seats.count()));
  return {
    rooms: rooms.length,
    seats: seats.reduce((a, b) => a + b, 0),
    notes: await hall.notes.count(),
    guests: await hall.guests.count(),
    labels: await hall.labels.count(),
    halls: await label.halls.count(),
  };
}

describe('a stale destroy', () => {
  it('throws StaleObjectError and leaves every child, grandchild, link and guard as it was', async () => {
    const { hall, label } = await furnishedHall();
    const stale = await Hall.find(hall.id);
    await hall.updateOrThrow({ name: 'renamed' });
    const before = await contents(hall, label);
    expect(before).toMatchObject({ rooms: 2, seats: 2, notes: 1, guests: 1, labels: 1, halls: 1 });
    log.clear();

    const error = await stale.destroyOrThrow().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StaleObjectError);
    expect((error as StaleObjectError).record).toBe(stale);
    expect(stale.isDestroyed()).toBe(false);
    // The first write failed its check of the hall's lock: nothing was written at all.
    expect(log.operations.filter((o) => o !== 'Query')).toEqual(['TransactWriteItems']);
    expect(await contents(hall, label)).toEqual(before);
    expect(await guardProblems(client, Room, ['code'])).toEqual([]);

    // The fresh copy destroys everything.
    expect(await hall.destroy()).toBe(true);
    const after = await contents(hall, label);
    expect(after).toMatchObject({ rooms: 0, seats: 0, notes: 0, guests: 0, labels: 0, halls: 0 });
    expect(await Hall.findByKey(hall.id)).toBeNull();
    expect(await guardProblems(client, Room, ['code'])).toEqual([]);
  });

  it('a hall changed by someone else midway stops the cascade at its next write', async () => {
    const { hall, label } = await furnishedHall();
    // After the first room is destroyed, someone else saves the hall.
    let first = true;
    Room.afterDestroy(async () => {
      if (!first) return;
      first = false;
      const other = await Hall.find(hall.id);
      await other.updateOrThrow({ name: 'changed meanwhile' });
    });
    await expect(hall.destroy()).rejects.toBeInstanceOf(StaleObjectError);
    const left = await contents(hall, label);
    // One room (with its seat) went before the change; the rest stays.
    expect(left).toMatchObject({ rooms: 1, seats: 1, notes: 1, guests: 1, labels: 1 });
    expect(await Hall.findByKey(hall.id)).not.toBeNull();
    first = false;
    await hall.reload();
    expect(await hall.destroy()).toBe(true);
    expect(await contents(hall, label)).toMatchObject({ rooms: 0, seats: 0, notes: 0, labels: 0 });
  });
});

describe('a cascade larger than one transaction', () => {
  it('fails midway leaving the hall and the notes not yet reached; a second destroy finishes', async () => {
    const hall = await Hall.createOrThrow({ name: 'big' });
    await Promise.all(
      Array.from({ length: 150 }, (_, i) => hall.notes.createOrThrow({ text: `n${i}` })),
    );
    // The second transaction of notes fails before it is sent.
    const faults = injectWriteFaults(client, (operation, n) =>
      operation === 'TransactWriteItems' && n === 2 ? 'fail' : undefined,
    );
    try {
      await expect(hall.destroy()).rejects.toThrow(/injected failure/);
    } finally {
      faults.remove();
    }
    expect(hall.isDestroyed()).toBe(false);
    expect(await Hall.findByKey(hall.id)).not.toBeNull();
    const left = await hall.notes.count();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(150);
    expect(await hall.destroy()).toBe(true);
    expect(await hall.notes.count()).toBe(0);
    expect(await Hall.findByKey(hall.id)).toBeNull();
  });
});

describe('inside transaction()', () => {
  it('dependents are queued with the destroy and go only when it commits', async () => {
    const hall = await Hall.createOrThrow({ name: 'tx' });
    await hall.notes.createOrThrow({ text: 'n' });
    const stale = await Hall.find(hall.id);
    await hall.touch();
    await expect(transaction(() => stale.destroy())).rejects.toBeInstanceOf(StaleObjectError);
    expect(await hall.notes.count()).toBe(1);
    await transaction(() => hall.destroy());
    expect(await hall.notes.count()).toBe(0);
    expect(await Hall.findByKey(hall.id)).toBeNull();
  });
});

describe('callbacks that halt a destroy, declared after the associations', () => {
  class Shelf extends Table.schema({ attributes: { name: attr.string() } }) {
    static {
      this.hasMany('books', () => Book, { dependent: 'destroy' });
      this.hasAndBelongsToMany('tags', () => ShelfTag);
      // Declared after the associations: still runs before any child or link is touched.
      this.beforeDestroy((shelf) => shelf.name !== 'keep');
      this.aroundDestroy(async (shelf, next) => {
        if (shelf.name !== 'hold') await next();
      });
    }
    declare readonly books: HasMany<Book>;
    declare readonly tags: HasAndBelongsToMany<ShelfTag>;
  }
  class Book extends Table.schema({ hashKey: 'guid', attributes: { title: attr.string() } }) {
    static {
      this.belongsTo('shelf', () => Shelf);
    }
  }
  class ShelfTag extends Table.schema({ attributes: { name: attr.string() } }) {
    static {
      this.hasAndBelongsToMany('shelves', () => Shelf);
    }
  }

  beforeAll(async () => {
    for (const model of [Shelf, Book, ShelfTag]) await model.createTable();
  });

  async function stockedShelf(name: string): Promise<Shelf> {
    const shelf = await Shelf.createOrThrow({ name });
    await shelf.books.createOrThrow({ title: 'one' });
    await shelf.books.createOrThrow({ title: 'two' });
    await shelf.tags.push(await ShelfTag.createOrThrow({ name: 't' }));
    return shelf;
  }

  for (const name of ['keep', 'hold']) {
    it(`a ${name === 'keep' ? 'before' : 'around'}-destroy callback that halts leaves every child and link`, async () => {
      const shelf = await stockedShelf(name);
      expect(await shelf.destroy()).toBe(false);
      expect(await Shelf.findByKey(shelf.id)).not.toBeNull();
      expect(await shelf.books.count()).toBe(2);
      expect(await shelf.tags.count()).toBe(1);
    });
  }

  it('a stale copy let go on by its callbacks still touches no child or link', async () => {
    const shelf = await stockedShelf('stale');
    const other = await Shelf.find(shelf.id);
    await other.updateOrThrow({ name: 'renamed' });
    await expect(shelf.destroy()).rejects.toBeInstanceOf(StaleObjectError);
    expect(await shelf.books.count()).toBe(2);
    expect(await shelf.tags.count()).toBe(1);
    expect(await Shelf.findByKey(shelf.id)).not.toBeNull();
  });

  it('a destroy the callbacks let go on removes the children and links', async () => {
    const shelf = await stockedShelf('go');
    const books = await shelf.books.load();
    expect(await shelf.destroy()).toBe(true);
    expect(books).toHaveLength(2);
    for (const book of books) expect(await Book.findByKey(shelf.id, book.guid)).toBeNull();
    expect(await shelf.tags.count()).toBe(0);
  });
});
