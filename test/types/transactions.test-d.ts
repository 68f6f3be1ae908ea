// Type tests for transaction(), withOptimisticRetry, uniqueness and hasAndBelongsToMany:
// checked by `tsc` (npm run typecheck). Each `@ts-expect-error` line must fail to compile.
import { attr, Table, transaction, type HasAndBelongsToMany } from '../../src/index.js';
import { assertType, type Equal } from './support/assert-type.js';

class Tally extends Table.schema({ attributes: { count: attr.integer(), email: attr.string() } }) {
  static {
    this.validates('email', { uniqueness: true });
    this.validates('email', { uniqueness: { message: 'is in use' } });
    // @ts-expect-error uniqueness takes true or { message }
    this.validates('email', { uniqueness: 'yes' });
    this.hasAndBelongsToMany('labels', () => Label);
  }
  declare readonly labels: HasAndBelongsToMany<Label>;
}

class Label extends Table.schema({ attributes: { name: attr.string() } }) {
  static {
    this.hasAndBelongsToMany('tallies', () => Tally);
  }
  declare readonly tallies: HasAndBelongsToMany<Tally>;
}

export async function typed(): Promise<void> {
  // transaction() resolves to what the block resolves to.
  const result = await transaction(async () => 42);
  assertType<Equal<typeof result, number>>();
  // withOptimisticRetry hands the model's own instances to the callback and resolves to one.
  const saved = await Tally.withOptimisticRetry('id', (t) => {
    assertType<Equal<typeof t, Tally>>();
    t.count = (t.count ?? 0) + 1;
  });
  assertType<Equal<typeof saved, Tally>>();
  await Tally.withOptimisticRetry('id', (t) => {
    // @ts-expect-error count is an integer
    t.count = 'many';
  });
  // @ts-expect-error attempts is a number
  await Tally.withOptimisticRetry('id', () => {}, { attempts: 'five' });
  const labels = await saved.labels.load();
  assertType<Equal<typeof labels, Label[]>>();
  assertType<Equal<typeof saved.labels, HasAndBelongsToMany<Label>>>();
  const tallies = await labels[0]!.tallies.load();
  assertType<Equal<typeof tallies, Tally[]>>();
  // @ts-expect-error a Tally cannot be pushed into labels
  await saved.labels.push(saved);
}
