// toJSON() gives what JSON.stringify gives back when parsed (datetimes as ISO 8601 text), as
// its type says; a schema-literal belongsTo keys the child by its parent, as typed.
import { describe, expect, it } from 'vitest';
import { attr, Table } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

useDynamo();

class Visit extends Table.schema({
  attributes: { at: attr.datetime(), moments: attr.datetimeSet(), count: attr.integer() },
}) {}

class Shelf extends Table.schema({ attributes: { label: attr.string() } }) {}

class Book extends Table.schema({
  hashKey: 'guid',
  belongsTo: { name: 'shelf', model: () => Shelf },
  attributes: { title: attr.string() },
}) {}

describe('toJSON', () => {
  it('gives datetimes and datetime sets as ISO 8601 text, the rest as read', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const visit = new Visit({ at, moments: [at], count: 3 });
    const json = visit.toJSON();
    expect(json.at).toBe('2026-01-02T03:04:05.678Z');
    expect(json.moments).toEqual(['2026-01-02T03:04:05.678Z']);
    expect(json.count).toBe(3);
    expect(json.createdAt).toBeNull();
    expect(json).toEqual(JSON.parse(JSON.stringify(visit)));
    expect(visit.at).toBeInstanceOf(Date);
  });
});

describe('belongsTo in the schema literal', () => {
  it('keys the child by its parent: the reference is the parent id, id the own key', async () => {
    await Promise.all([Shelf.createTable(), Book.createTable()]);
    expect(Book.tableHashKey).toBe('shelfId');
    expect(Book.tableRangeKey).toBe('guid');
    expect(Book.relatesTo(Shelf)).toBe('belongsTo');
    const fresh = new Book({ title: 'x' });
    expect(fresh.id).toBe('');
    expect(fresh.shelfId).toBeNull();
    const shelf = await Shelf.create({ label: 'A' });
    const book = await Book.create({ shelf, title: 'Dune' });
    expect(book.shelfId).toBe(shelf.id);
    expect(book.guid).not.toBe('');
    expect(book.id).toBe(book.guid);
    expect((await book.shelf())?.label).toBe('A');
    const found = await Book.where({ shelfId: shelf.id }).toArray();
    expect(found.map((b) => b.title)).toEqual(['Dune']);
    expect(() => new Book({ shelfId: 42 as never })).toThrow(/Book\.shelfId.*42/);
    expect(() => new Book({ shelf: book as never })).toThrow(/Book\.shelf takes a Shelf/);
  });

  it('is refused on a table with a range key, or a hash key named id', () => {
    expect(() =>
      Table.schema({
        hashKey: 'guid',
        rangeKey: 'at',
        belongsTo: { name: 'shelf', model: () => Shelf },
      }),
    ).toThrow(/belongsTo\('shelf'\) makes 'guid' the range key/);
    expect(() => Table.schema({ belongsTo: { name: 'shelf', model: () => Shelf } })).toThrow(
      /hash key is 'id'/,
    );
  });
});
