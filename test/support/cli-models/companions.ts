// Models whose tables come with companion tables: a guard table for a unique attribute and a
// link table for a hasAndBelongsToMany association.
import { attr, Table, type HasAndBelongsToMany } from '../../../src/index.js';

export class Member extends Table.schema({
  readCapacityUnits: 1,
  writeCapacityUnits: 1,
  attributes: { email: attr.string() },
}) {
  static {
    this.validates('email', { uniqueness: true });
    this.hasAndBelongsToMany('clubs', () => Club);
  }
  declare readonly clubs: HasAndBelongsToMany<Club>;
}

export class Club extends Table.schema({
  readCapacityUnits: 1,
  writeCapacityUnits: 1,
  attributes: { title: attr.string() },
}) {
  static {
    this.hasAndBelongsToMany('members', () => Member);
  }
  declare readonly members: HasAndBelongsToMany<Member>;
}
