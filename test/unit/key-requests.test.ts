/** Keys and table requests built from a schema. Offline: each asserts what a wrong implementation would get wrong. */
import { describe, expect, it } from 'vitest';
import { createTableInput } from '../../src/connection/table-management.js';
import { attr, Table, UnknownPrimaryKey } from '../../src/index.js';
import { describeKey, primaryKey } from '../../src/querying/keys.js';
import { schemaOf } from '../../src/schema/model-class.js';

class Plain extends Table.schema({ attributes: { name: attr.string() } }) {}
class Ranged extends Table.schema({
  hashKey: 'owner',
  rangeKey: 'at',
  attributes: { at: attr.datetime() },
}) {}
class Indexed extends Table.schema({
  hashKey: 'owner',
  rangeKey: 'at',
  billingMode: 'PAY_PER_REQUEST',
  attributes: {
    at: attr.integer(),
    kind: attr.string(),
    rank: attr.float({ localSecondaryIndex: true }),
    label: attr.string(),
  },
  globalSecondaryIndexes: [
    { hashKey: 'kind', projection: 'keysOnly' },
    { hashKey: 'label', rangeKey: 'at', projection: ['kind'] },
  ],
}) {}

describe('keys and table requests', () => {
  it('primaryKey refuses a range value for a table without a range key, and a missing one', () => {
    expect(() => primaryKey(Plain as never, 'a', 'b')).toThrow(UnknownPrimaryKey);
    expect(() => primaryKey(Ranged as never, 'a')).toThrow(/Ranged has a range key \('at'\)/);
    expect(primaryKey(Ranged as never, 'a', new Date(5))).toEqual({
      owner: { S: 'a' },
      at: { N: '5' },
    });
    expect(describeKey('a', new Date(0))).toBe('["a","1970-01-01T00:00:00.000Z"]');
    expect(describeKey(new Date(0))).toBe('"1970-01-01T00:00:00.000Z"');
  });

  it('createTableInput builds on-demand tables with keys-only and include projections', () => {
    const input = createTableInput(Indexed as never);
    expect(input.BillingMode).toBe('PAY_PER_REQUEST');
    expect(input.ProvisionedThroughput).toBeUndefined();
    expect(
      input.GlobalSecondaryIndexes?.map((i) => [
        i.IndexName,
        i.Projection,
        i.ProvisionedThroughput,
      ]),
    ).toEqual([
      ['kind_global', { ProjectionType: 'KEYS_ONLY' }, undefined],
      ['label_at_global', { ProjectionType: 'INCLUDE', NonKeyAttributes: ['kind'] }, undefined],
    ]);
    expect(input.LocalSecondaryIndexes?.[0]?.KeySchema).toEqual([
      { AttributeName: 'owner', KeyType: 'HASH' },
      { AttributeName: 'rank', KeyType: 'RANGE' },
    ]);
    expect(
      new Set(input.AttributeDefinitions?.map((d) => `${d.AttributeName}:${d.AttributeType}`)),
    ).toEqual(new Set(['owner:S', 'at:N', 'rank:N', 'kind:S', 'label:S']));
  });

  it('schemaOf refuses Table itself', () => {
    expect(() => schemaOf(Table as never)).toThrow(/Table has no schema/);
  });
});
