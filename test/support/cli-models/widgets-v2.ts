// widgets-v1.ts after a schema change: more capacity, an index on size instead of color,
// and Gadget moved to provisioned capacity.
import { attr, Table } from '../../../src/index.js';

export class Widget extends Table.schema({
  readCapacityUnits: 3,
  writeCapacityUnits: 2,
  attributes: { color: attr.string(), size: attr.integer() },
  globalSecondaryIndexes: [
    { hashKey: 'size', projection: 'all', readCapacityUnits: 1, writeCapacityUnits: 1 },
  ],
}) {}

export class Gadget extends Table.schema({
  hashKey: 'serial',
  rangeKey: 'madeAt',
  readCapacityUnits: 4,
  writeCapacityUnits: 4,
  attributes: { madeAt: attr.datetime(), batch: attr.string({ localSecondaryIndex: true }) },
}) {}
