/**
 * Property: every attribute type round-trips through DynamoDB unchanged. Random records of
 * every type are saved, read back with find, and compared; then changed with an update and
 * compared again.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Table, type AttributeTypeName } from '../../src/index.js';
import { everyTypeAttributes, validValues } from '../support/arbitraries.js';
import { useDynamo } from '../support/dynamo.js';

useDynamo();

class Everything extends Table.schema({
  readCapacityUnits: 10,
  writeCapacityUnits: 10,
  attributes: everyTypeAttributes,
}) {}

const TYPES = Object.keys(validValues) as AttributeTypeName[];
const recordArbitrary = fc.record(validValues as Record<AttributeTypeName, fc.Arbitrary<unknown>>);

beforeAll(async () => {
  await Everything.createTable();
});

/** The attributes as compared: sets sorted (DynamoDB keeps no set order), dates as times. */
function comparable(record: Everything): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const type of TYPES) {
    let value = record.readAttribute(type);
    if (type.endsWith('Set')) value = [...(value as unknown[])].map(plain).sort(order);
    out[type] = plain(value);
  }
  return out;
}

function plain(value: unknown): unknown {
  if (value instanceof Date) return { date: value.getTime() };
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      Object.defineProperty(copy, key, {
        value: plain((value as Record<string, unknown>)[key]),
        enumerable: true,
      });
    }
    return copy;
  }
  return value;
}

function order(a: unknown, b: unknown): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

describe('every attribute type round-trips through DynamoDB', () => {
  it('create, find and compare; update, find and compare (40 random records)', async () => {
    await fc.assert(
      fc.asyncProperty(recordArbitrary, recordArbitrary, async (first, second) => {
        const record = await Everything.create(first as never);
        expect(record.isPersisted()).toBe(true);
        const expected = comparable(record);
        const found = await Everything.find(record.id, { consistent: true });
        expect(comparable(found)).toEqual(expected);

        found.assignAttributes(second);
        await found.saveOrThrow();
        const again = await Everything.find(record.id, { consistent: true });
        expect(comparable(again)).toEqual(comparable(found));
        expect(again.changes()).toEqual({});
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('the extremes of each type round-trip', async () => {
    const extremes = {
      string: '\u{1F600}\u0000é\n\t"\\',
      integer: Number.MIN_SAFE_INTEGER,
      float: 1e-130,
      datetime: new Date(-8.64e15),
      boolean: false,
      serialized: { '': [null, '', 0, false, {}, []] },
      json: { deep: [[[[[[[[{ x: 9.99e125 }]]]]]]]], empty: '', nothing: null, list: [] },
      stringSet: ['\u{1F600}', ' ', 'a'.repeat(1000)],
      integerSet: [Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 0],
      floatSet: [-9.99e125, 1e-130, 0.1 + 0.2],
      datetimeSet: [new Date(0), new Date(8.64e15)],
    };
    const record = await Everything.create(extremes as never);
    const found = await Everything.find(record.id, { consistent: true });
    expect(comparable(found)).toEqual(comparable(record));
    expect(found.float).toBe(1e-130);
    expect(found.floatSet).toContain(0.1 + 0.2);
  });
});
