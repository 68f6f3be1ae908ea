// A model file as `ocean-dynamo tables` sees it, before a schema change (see widgets-v2.ts).
import { attr, Table } from '../../../src/index.js';

export class Widget extends Table.schema({
  readCapacityUnits: 2,
  writeCapacityUnits: 2,
  attributes: { color: attr.string(), size: attr.integer() },
  globalSecondaryIndexes: [{ hashKey: 'color', projection: 'keysOnly' }],
}) {}

export class Gadget extends Table.schema({
  hashKey: 'serial',
  rangeKey: 'madeAt',
  billingMode: 'PAY_PER_REQUEST',
  attributes: { madeAt: attr.datetime(), batch: attr.string({ localSecondaryIndex: true }) },
}) {}

/** Not a model: the CLI must ignore it. */
export const notAModel = { tableFullName: 'nope' };
