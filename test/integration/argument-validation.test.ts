import { beforeAll, describe, expect, it } from 'vitest';
import { attr, InvalidArgument, Table } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { log } = useDynamo();

class Entry extends Table.schema({
  hashKey: 'owner',
  rangeKey: 'at',
  attributes: {
    at: attr.integer(),
    rank: attr.integer({ localSecondaryIndex: true }),
    kind: attr.string(),
  },
  globalSecondaryIndexes: [{ hashKey: 'kind', rangeKey: 'at', projection: 'all' }],
}) {}

beforeAll(async () => {
  await Entry.createTable();
  await Promise.all(
    [1, 2, 3].map((at) => Entry.create({ owner: 'ann', at, rank: at, kind: 'note' })),
  );
});

/** The call throws InvalidArgument naming `argument`, and sends nothing to DynamoDB. */
async function refused(call: () => unknown, argument: string, message?: RegExp): Promise<void> {
  log.clear();
  const error = await (async () => {
    await call();
  })().catch((e: unknown) => e);
  expect(error, argument).toBeInstanceOf(InvalidArgument);
  expect((error as InvalidArgument).argument).toBe(argument);
  expect((error as Error).message).toContain('Entry');
  if (message) expect((error as Error).message).toMatch(message);
  expect(log.operations).toEqual([]);
}

// Values as they arrive from a parsed query string or JSON body: anything at all.
const loose = (value: unknown) => value as never;

describe('key queries refuse malformed arguments, naming them', () => {
  it('an object where the comparator belongs is not taken as options', async () => {
    // With the old reading, the range condition was dropped and every item came back.
    await refused(
      () => Entry.query('ann', loose({ '>': 1 }), 2),
      'comparator',
      /options only in the last/,
    );
    await refused(() => Entry.queryPage('ann', loose({ gt: 1 }), 2), 'comparator');
    await refused(() => Entry.query('ann', loose('LIKE'), 1), 'comparator');
    // A lone object is options, and an unknown option is refused rather than ignored.
    await refused(() => Entry.query('ann', loose({ '>': 1 })), '>', /unknown option/);
    await refused(
      () => Entry.findLocal('owner', 'ann', 'rank', loose({ op: '>' }), 1),
      'comparator',
    );
    await refused(() => Entry.findGlobal('kind', 'note', loose({ at: 1 }), '>', 0), 'rangeName');
    await refused(() => Entry.findGlobal('kind', 'note', 'at', loose('~'), 0), 'comparator');
  });

  it('limit, batchSize, consistent and scanIndexForward must have their shapes', async () => {
    await refused(() => Entry.query('ann', { limit: Number.NaN }), 'limit');
    await refused(() => Entry.query('ann', '>', 0, { limit: 0 }), 'limit');
    await refused(() => Entry.query('ann', { limit: loose('5') }), 'limit');
    await refused(async () => {
      for await (const entry of Entry.queryEach('ann', { batchSize: 1.5 })) void entry;
    }, 'batchSize');
    await refused(
      () => Entry.findLocal('owner', 'ann', 'rank', '>', 0, { consistent: loose('yes') }),
      'consistent',
    );
    await refused(
      () => Entry.findGlobal('kind', 'note', { scanIndexForward: loose(0) }),
      'scanIndexForward',
    );
    await refused(
      () => Entry.queryPage('ann', { limit: -3 }),
      'limit',
      /limit must be a positive integer/,
    );
    await refused(() => Entry.queryPage('ann', { after: loose(42) }), 'after');
    await refused(() => Entry.query('ann', loose([1, 2])), 'comparator');
  });

  it('control: well-formed arguments still read what they say', async () => {
    expect((await Entry.query('ann', '>', 1, { limit: 5 })).map((e) => e.at)).toEqual([2, 3]);
    expect(
      (await Entry.query('ann', { limit: 2, scanIndexForward: false })).map((e) => e.at),
    ).toEqual([3, 2]);
    expect(await Entry.findGlobal('kind', 'note', 'at', '<', 3, { limit: undefined })).toHaveLength(
      2,
    );
  });
});

describe('scans refuse malformed arguments, naming them', () => {
  it('segments NaN no longer reads as an empty table', async () => {
    await refused(() => Entry.all({ segments: Number.NaN }), 'segments');
    await refused(() => Entry.count({ segments: Number.NaN }), 'segments');
    await refused(() => Entry.count({ segments: 0 }), 'segments');
    await refused(() => Entry.all({ segments: 2_000_000 }), 'segments');
    await refused(() => Entry.all({ limit: -1 }), 'limit');
    await refused(() => Entry.all({ batchSize: 0 }), 'batchSize');
    await refused(() => Entry.all(loose('everything')), 'options');
    await refused(() => Entry.count(loose({ limit: 1 })), 'limit', /unknown option/);
    // Control.
    expect(await Entry.count({ segments: 2 })).toBe(3);
    expect(await Entry.all({ segments: 3, batchSize: 1 })).toHaveLength(3);
  });
});
