/**
 * Every condition on every attribute type, sent twice: once as DynamoDB's FilterExpression
 * (a Query of the table) and once applied after the batched read of a keys-only index (which
 * projects none of the compared attributes). Both must give what the condition says.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  attr,
  InvalidArgument,
  InvalidCondition,
  Table,
  UnknownAttributeError,
} from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

useDynamo();

class Sample extends Table.schema({
  hashKey: 'bin',
  rangeKey: 'n',
  readCapacityUnits: 20,
  writeCapacityUnits: 20,
  attributes: {
    n: attr.integer(),
    shelf: attr.string(),
    label: attr.string(),
    views: attr.integer(),
    ratio: attr.float(),
    at: attr.datetime(),
    flag: attr.boolean(),
    doc: attr.json<string[]>(),
    blob: attr.serialized<{ k: number }>(),
    tags: attr.stringSet(),
    ints: attr.integerSet(),
    floats: attr.floatSet(),
    days: attr.datetimeSet(),
  },
  globalSecondaryIndexes: [{ hashKey: 'shelf', rangeKey: 'n', projection: 'keysOnly' }],
}) {}

const day = (i: number) => new Date(Date.UTC(2026, 0, i));
const N = Array.from({ length: 10 }, (_, i) => i + 1);

beforeAll(async () => {
  await Sample.createTable();
  await Promise.all(
    N.map((i) =>
      Sample.create({
        bin: 'b',
        n: i,
        shelf: 's',
        label: i % 3 === 0 ? '' : `label-${i}`,
        views: i * 10,
        ratio: i / 4,
        at: day(i),
        flag: i % 2 === 0,
        doc: i % 2 === 1 ? ['x', 'y'] : ['z'],
        blob: { k: i },
        tags: i % 2 === 0 ? ['even', 'all'] : ['all'],
        ints: [i, i + 1],
        floats: [i / 2],
        days: [day(i)],
      }),
    ),
  );
});

type Case = [
  attribute: string,
  comparator: string,
  value: unknown,
  expected: (i: number) => boolean,
];

const labeled = (i: number) => i % 3 !== 0;
const cases: Case[] = [
  // string
  ['label', '=', 'label-1', (i) => i === 1],
  ['label', '=', null, (i) => !labeled(i)],
  ['label', '=', '', (i) => !labeled(i)],
  ['label', '<>', 'label-1', (i) => i !== 1], // absent counts as unequal, as in DynamoDB
  ['label', '<>', null, labeled],
  ['label', '<', 'label-2', (i) => i === 1 || i === 10],
  ['label', '>=', 'label-7', (i) => labeled(i) && i >= 7 && i < 10], // 'label-10' sorts first
  ['label', 'between', ['label-2', 'label-5'], (i) => labeled(i) && i >= 2 && i <= 5],
  ['label', 'begins_with', 'label-1', (i) => i === 1 || i === 10],
  ['label', 'in', ['label-2', 'label-4', 'nope'], (i) => i === 2 || i === 4],
  ['label', 'contains', '-1', (i) => i === 1 || i === 10],
  ['label', 'exists', undefined, labeled],
  ['label', 'notExists', undefined, (i) => !labeled(i)],
  ['label', 'size>', 7, (i) => i === 10],
  // integer, cast from a numeric string as on assignment
  ['views', '=', '30', (i) => i === 3],
  ['views', '>', 50, (i) => i > 5],
  ['views', '<=', 20, (i) => i <= 2],
  ['views', 'between', [20, '40'], (i) => i >= 2 && i <= 4],
  ['views', 'in', [10, 100], (i) => i === 1 || i === 10],
  ['views', '<>', 10, (i) => i !== 1],
  // float
  ['ratio', '<', 0.6, (i) => i <= 2],
  ['ratio', '=', 2.5, (i) => i === 10],
  ['ratio', 'between', [0.5, 1], (i) => i >= 2 && i <= 4],
  // datetime: a Date, an ISO string and epoch milliseconds compare with what is stored
  ['at', '>', day(8), (i) => i > 8],
  ['at', '=', day(3).toISOString(), (i) => i === 3],
  ['at', '<=', day(2).getTime(), (i) => i <= 2],
  ['at', 'between', [day(4), day(5)], (i) => i === 4 || i === 5],
  // boolean
  ['flag', '=', true, (i) => i % 2 === 0],
  ['flag', '=', 'false', (i) => i % 2 === 1],
  ['flag', '<>', true, (i) => i % 2 === 1],
  // json list
  ['doc', 'contains', 'z', (i) => i % 2 === 0],
  ['doc', 'size=', 2, (i) => i % 2 === 1],
  ['doc', '=', ['z'], (i) => i % 2 === 0],
  // serialized (JSON text)
  ['blob', '=', { k: 4 }, (i) => i === 4],
  ['blob', 'contains', '"k":1', (i) => i === 1 || i === 10],
  // sets
  ['tags', 'contains', 'even', (i) => i % 2 === 0],
  ['tags', 'size>=', 2, (i) => i % 2 === 0],
  ['tags', '=', ['all', 'even'], (i) => i % 2 === 0],
  ['tags', '=', [], () => false],
  ['ints', 'contains', '7', (i) => i === 6 || i === 7],
  ['ints', 'size<', 2, () => false],
  ['floats', 'contains', 1.5, (i) => i === 3],
  ['days', 'contains', day(9), (i) => i === 9],
  ['days', 'exists', null, () => true],
];

async function numbers(relation: PromiseLike<Sample[]>): Promise<number[]> {
  return (await relation).map((s) => s.n!).sort((a, b) => a - b);
}

describe('every condition on every attribute type', () => {
  it.each(cases)('%s %s %j', async (attribute, comparator, value, expected) => {
    const want = N.filter(expected);
    const filtered = Sample.where({ bin: 'b' }).where(
      ...([attribute, comparator, value] as unknown as [never, never, never]),
    );
    expect(filtered.explain().filter).not.toBeNull();
    expect(await numbers(filtered)).toEqual(want);
    const postFiltered = Sample.where({ shelf: 's' }).where(
      ...([attribute, comparator, value] as unknown as [never, never, never]),
    );
    expect(postFiltered.explain().index).toBe('shelf_n_global');
    expect(await numbers(postFiltered)).toEqual(want);
  });

  it('whereNot negates the whole object and or() takes any group, on both paths', async () => {
    for (const hash of [{ bin: 'b' }, { shelf: 's' }] as const) {
      expect(await numbers(Sample.where(hash).whereNot({ flag: true, views: 20 }))).toEqual(
        N.filter((i) => i !== 2),
      );
      expect(
        await numbers(Sample.where(hash).or({ views: 10 }, { ratio: 2.5, flag: true })),
      ).toEqual([1, 10]);
      expect(
        await numbers(
          Sample.where(hash).where('views', '>', 30).or({ flag: true }, { label: null }),
        ),
      ).toEqual([4, 6, 8, 9, 10]);
    }
  });

  it('refuses what it cannot send, naming model, attribute and value', () => {
    const rel = Sample.where({ bin: 'b' });
    const bad =
      (...args: unknown[]) =>
      () =>
        rel.where(...(args as unknown as [never, never, never]));
    expect(bad('views', 'like', 1)).toThrow(InvalidCondition);
    expect(bad('views', 'like', 1)).toThrow(/Sample\.views/);
    expect(bad('tags', '<', 'a')).toThrow(/Sample\.tags \(stringSet\)/);
    expect(bad('views', 'begins_with', '1')).toThrow(/begins_with/);
    expect(bad('views', 'between', [1])).toThrow(/\[low, high\]/);
    expect(bad('views', 'in', [])).toThrow(/1 to 100/);
    expect(bad('views', '>', null)).toThrow(/needs a value/);
    expect(bad('tags', 'size>', -1)).toThrow(/non-negative integer/);
    expect(bad('views', 'contains', 1)).toThrow(/contains/);
    expect(bad('nope', '=', 1)).toThrow(UnknownAttributeError);
    expect(bad('views', '=', 'ten')).toThrow(/Sample\.views/);
    expect(() => rel.where(42 as never)).toThrow(InvalidCondition);
    expect(() => rel.or()).toThrow(InvalidCondition);
    expect(() => rel.limit(-1)).toThrow(InvalidArgument);
  });
});
