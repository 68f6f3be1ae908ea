import { describe, expect, it } from 'vitest';
import { attr, DangerousAttributeError, Table } from '../../src/index.js';

describe('reserved names', () => {
  it("refuses attributes named like Object.prototype's members, and then", () => {
    for (const name of [
      'toString',
      'valueOf',
      'hasOwnProperty',
      'isPrototypeOf',
      'constructor',
      '__proto__',
      'toLocaleString',
      'then',
    ]) {
      expect(() => Table.schema({ attributes: { [name]: attr.string() } }), name).toThrow(
        DangerousAttributeError,
      );
    }
    // Control: ordinary names, including static members of Table, are fine.
    expect(() =>
      Table.schema({ attributes: { toStringValue: attr.string(), count: attr.integer() } }),
    ).not.toThrow();
  });

  it('refuses association names that would shadow a member', () => {
    class Post extends Table.schema({ hashKey: 'guid', attributes: { body: attr.string() } }) {}
    class Forum extends Table.schema({ attributes: { title: attr.string() } }) {}
    const declare = (name: unknown, how: 'hasMany' | 'belongsTo' | 'hasAndBelongsToMany') => {
      class Model extends Table.schema({ hashKey: 'guid', attributes: { body: attr.string() } }) {}
      return () => Model[how](name as string, () => (how === 'belongsTo' ? Forum : Post));
    };
    for (const how of ['hasMany', 'belongsTo', 'hasAndBelongsToMany'] as const) {
      for (const name of ['save', 'reload', 'destroy', 'errors', 'toString', 'then']) {
        expect(declare(name, how), `${how}('${name}')`).toThrow(DangerousAttributeError);
        expect(declare(name, how), `${how}('${name}')`).toThrow(`('${name}') would shadow`);
      }
      for (const name of ['', 'two words', 42]) {
        expect(declare(name, how), `${how}(${JSON.stringify(name)})`).toThrow(
          /must be an identifier/,
        );
      }
    }
    // Control: an ordinary name is accepted.
    expect(declare('posts', 'hasMany')).not.toThrow();
  });
});
