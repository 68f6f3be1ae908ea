// What a model class declares lives in one registry per class, with one inheritance rule; a
// belongsTo gives its model a schema keyed by the parent and leaves the one it came from alone.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  attr,
  Table,
  type BelongsTo,
  type HasAndBelongsToMany,
  type HasMany,
  type ModelInput,
} from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

useDynamo();

class Shelf extends Table.schema({ attributes: { label: attr.string() } }) {
  static {
    this.hasMany('books', () => Book);
    this.hasAndBelongsToMany('readers', () => Reader);
  }
  declare readonly books: HasMany<Book>;
  declare readonly readers: HasAndBelongsToMany<Reader>;
}

const BookSchema = Table.schema({
  hashKey: 'isbn',
  attributes: { title: attr.string(), pages: attr.integer() },
});

class Book extends BookSchema {
  static {
    this.belongsTo('shelf', () => Shelf);
  }
  declare shelf: BelongsTo<Shelf>;
  declare shelfId: string | null;
  // A member the class defines itself wins over the attribute accessor.
  override get title(): string {
    return (this.readAttribute('title') as string).toUpperCase();
  }
  override set title(value: string) {
    this.writeAttribute('title', value);
  }
}

class Reader extends Table.schema({ attributes: { name: attr.string() } }) {
  static {
    this.hasAndBelongsToMany('shelves', () => Shelf);
  }
  declare readonly shelves: HasAndBelongsToMany<Shelf>;
}

// A subclass adds to what it inherits without changing its parent's declarations.
class Novel extends Book {
  static {
    this.validates('pages', { numericality: { greaterThan: 100 } });
    this.hasAndBelongsToMany('readers', () => Reader);
  }
  declare readonly readers: HasAndBelongsToMany<Reader>;
}

// A constructor's parameter is typed by the schema alone; association inputs through ModelInput.
const newBook = (input: ModelInput<Book>) => new Book(input);
const newNovel = (input: ModelInput<Novel>) => new Novel(input);

beforeAll(async () => {
  await Promise.all([Shelf.createTable(), Book.createTable(), Reader.createTable()]);
});

describe('relatesTo', () => {
  it('reports every kind of association, hasAndBelongsToMany included', () => {
    expect(Shelf.relatesTo(Book)).toBe('hasMany');
    expect(Book.relatesTo(Shelf)).toBe('belongsTo');
    expect(Shelf.relatesTo(Reader)).toBe('hasAndBelongsToMany');
    expect(Reader.relatesTo(Shelf)).toBe('hasAndBelongsToMany');
    expect(Reader.relatesTo(Book)).toBeNull();
  });
});

describe('belongsTo and the schema', () => {
  it('gives the model a schema keyed by the parent and leaves the declared one as it was', () => {
    expect([Book.tableHashKey, Book.tableRangeKey]).toEqual(['shelfId', 'isbn']);
    expect([BookSchema.tableHashKey, BookSchema.tableRangeKey]).toEqual(['isbn', null]);
    expect(Object.keys(BookSchema.fields)).not.toContain('shelfId');
    expect(new BookSchema({ isbn: 'x' }).id).toBe('x');
  });

  it('keeps id the record’s own id, as its type says, and the key accessors their values', async () => {
    const shelf = await Shelf.createOrThrow({ label: 'fiction' });
    const book = await Book.createOrThrow({ shelf, title: 'Dune', pages: 412 });
    const id: string = book.id;
    expect(id).toBe(book.isbn);
    expect(id).not.toBe(shelf.id);
    expect(typeof book.isbn).toBe('string');
    expect(book.shelfId).toBe(shelf.id);
    const found = await Book.find(shelf.id, book.isbn);
    expect([found.id, found.shelfId]).toEqual([book.isbn, shelf.id]);

    const built = newBook({ shelf });
    built.id = 'isbn-1';
    expect([built.isbn, built.shelfId]).toEqual(['isbn-1', shelf.id]);
  });

  it('lets a member the class defines itself win over an attribute accessor', () => {
    const book = new Book({ title: 'dune' });
    expect(book.title).toBe('DUNE');
    expect(book.attributes['title']).toBe('dune');
  });
});

describe('one inheritance rule', () => {
  it('gives a subclass its parent’s declarations and keeps its own from the parent', async () => {
    expect([Novel.tableHashKey, Novel.tableRangeKey]).toEqual(['shelfId', 'isbn']);
    expect(Novel.relatesTo(Shelf)).toBe('belongsTo');
    expect(Novel.relatesTo(Reader)).toBe('hasAndBelongsToMany');
    expect(Book.relatesTo(Reader)).toBeNull();

    const shelf = await Shelf.createOrThrow({ label: 'novels' });
    const short = newNovel({ shelf, title: 'Novella', pages: 90 });
    expect(await short.isValid()).toBe(false);
    expect(short.errors.get('pages')).not.toEqual([]);
    expect(await newBook({ shelf, title: 'Novella', pages: 90 }).isValid()).toBe(true);
  });
});
