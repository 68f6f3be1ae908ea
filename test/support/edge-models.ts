/**
 * Models with declarations the feature files' models do not have: no timestamps and no
 * locking, custom timestamp names, a datetime range key with a keys-only global index.
 * Each test file that uses one creates its table under that file's prefix.
 */
import { attr, Table } from '../../src/index.js';

export class Bare extends Table.schema({
  timestamps: false,
  locking: false,
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: {
    name: attr.string(),
    count: attr.integer(),
    seenAt: attr.datetime(),
    meta: attr.json<Record<string, unknown>>(),
  },
}) {}

export class Stamped extends Table.schema({
  timestamps: ['bornAt', 'changedAt'],
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { name: attr.string(), ratio: attr.float(), seenAt: attr.datetime() },
}) {}

export class Diary extends Table.schema({
  hashKey: 'owner',
  rangeKey: 'day',
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { day: attr.datetime(), text: attr.string(), mood: attr.string() },
  globalSecondaryIndexes: [{ hashKey: 'mood', projection: 'keysOnly' }],
}) {}
