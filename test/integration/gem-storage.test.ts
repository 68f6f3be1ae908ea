import { GetItemCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attr,
  AttributeAssignmentError,
  configure,
  Table,
  UnsupportedType,
  type BelongsTo,
  type HasMany,
} from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { client, prefix } = useDynamo();

// What the Ruby gem's serialize_attribute writes for each type (through aws-sdk v1):
// datetime `value.to_i` as N, boolean "true"/"false" as S, serialized `to_json` as S,
// '' and [] left out, arrays of strings/numbers as SS/NS.
const attributes = {
  name: attr.string(),
  empty: attr.string(),
  count: attr.integer(),
  ratio: attr.float(),
  startsAt: attr.datetime(),
  done: attr.boolean(),
  open: attr.boolean(),
  steps: attr.serialized<{ step: number }[]>(),
  tags: attr.stringSet(),
  sizes: attr.integerSet(),
  weights: attr.floatSet(),
};

class GemJob extends Table.schema({
  storage: 'gem',
  tableName: 'jobs',
  create: true,
  attributes,
}) {}

// The same table, read by a model in ocean-dynamo's own format.
class NativeJob extends Table.schema({
  tableName: 'jobs',
  timestamps: ['created_at', 'updated_at'],
  locking: 'lock_version',
  attributes,
}) {}

const table = () => `${prefix}jobs`;
const SECONDS = 1_700_000_123;

function gemItem(id: string): Record<string, AttributeValue> {
  return {
    id: { S: id },
    name: { S: 'nightly' },
    count: { N: '42' },
    ratio: { N: '0.25' },
    startsAt: { N: String(SECONDS) },
    done: { S: 'true' },
    open: { S: 'false' },
    steps: { S: '[{"step":1},{"step":2}]' },
    tags: { SS: ['a', 'b'] },
    sizes: { NS: ['1', '2'] },
    weights: { NS: ['1.5'] },
    created_at: { N: String(SECONDS - 60) },
    updated_at: { N: String(SECONDS) },
    lock_version: { N: '3' },
  };
}

async function rawItem(id: string): Promise<Record<string, AttributeValue>> {
  const output = await client.send(
    new GetItemCommand({ TableName: table(), Key: { id: { S: id } }, ConsistentRead: true }),
  );
  return output.Item!;
}

beforeAll(async () => {
  await GemJob.establishDbConnection();
});

describe("storage: 'gem'", () => {
  it('names the lock and timestamps as the gem does, typed so', () => {
    expect(GemJob.lockAttribute).toBe('lock_version');
    expect(GemJob.timestampAttributes).toEqual(['created_at', 'updated_at']);
    const job = new GemJob();
    expect(job.lock_version).toBe(0);
    expect(job.created_at).toBeNull();
  });

  it('reads an item written as the gem writes it, every type', async () => {
    await client.send(new PutItemCommand({ TableName: table(), Item: gemItem('g1') }));
    const job = await GemJob.find('g1');
    expect(job.attributes).toEqual({
      id: 'g1',
      name: 'nightly',
      empty: '',
      count: 42,
      ratio: 0.25,
      startsAt: new Date(SECONDS * 1000),
      done: true,
      open: false,
      steps: [{ step: 1 }, { step: 2 }],
      tags: ['a', 'b'],
      sizes: [1, 2],
      weights: [1.5],
      created_at: new Date((SECONDS - 60) * 1000),
      updated_at: new Date(SECONDS * 1000),
      lock_version: 3,
    });
  });

  it('writes back exactly the formats the gem reads, locking on lock_version', async () => {
    await client.send(new PutItemCommand({ TableName: table(), Item: gemItem('g2') }));
    const job = await GemJob.find('g2');
    job.done = false;
    job.startsAt = new Date('2030-01-02T03:04:05.678Z');
    await job.saveOrThrow();
    const item = await rawItem('g2');
    expect(item.done).toEqual({ S: 'false' });
    expect(item.open).toEqual({ S: 'false' });
    expect(item.startsAt).toEqual({ N: String(Date.UTC(2030, 0, 2, 3, 4, 5) / 1000) });
    expect(item.lock_version).toEqual({ N: '4' });
    expect(item.updated_at!.N).toMatch(/^\d{10}$/);
    expect(Math.abs(Number(item.updated_at!.N) - Date.now() / 1000)).toBeLessThan(60);
    expect(item.created_at).toEqual({ N: String(SECONDS - 60) });
    // Held as read back: truncated to the second, as the gem's Time.zone.at(to_i).
    expect(job.startsAt).toEqual(new Date('2030-01-02T03:04:05.000Z'));
  });

  it('creates items in the gem format: seconds, strings, absent empties', async () => {
    const job = await GemJob.createOrThrow({
      id: 'g3',
      name: 'x',
      done: true,
      startsAt: new Date(1_600_000_000_999),
      steps: [{ step: 3 }],
    });
    const item = await rawItem('g3');
    expect(item).toEqual({
      id: { S: 'g3' },
      name: { S: 'x' },
      done: { S: 'true' },
      startsAt: { N: '1600000000' },
      steps: { S: '[{"step":3}]' },
      created_at: { N: item.created_at!.N },
      updated_at: { N: item.created_at!.N },
      lock_version: { N: '0' },
    });
    expect(item.created_at!.N).toMatch(/^\d{10}$/);
    expect(job.created_at!.getTime() % 1000).toBe(0);
  });
});

describe('reading the other format fails loudly', () => {
  it('a default model reading a gem item throws, naming the attribute and what it found', async () => {
    await client.send(new PutItemCommand({ TableName: table(), Item: gemItem('g4') }));
    const job = await NativeJob.find('g4');
    expect(job.name).toBe('nightly');
    expect(() => job.startsAt).toThrow(AttributeAssignmentError);
    expect(() => job.startsAt).toThrow(/'startsAt'.*found N 1700000123.*epoch seconds/);
    expect(() => job.done).toThrow(/'done'.*expected a BOOL, found S "true"/);
    expect(() => job.created_at).toThrow(/'created_at'/);
  });

  it('a gem model reading a native item throws, naming the attribute and what it found', async () => {
    const native = await NativeJob.createOrThrow({
      id: 'n1',
      done: true,
      startsAt: new Date('2024-05-01T00:00:00Z'),
    });
    expect(native.done).toBe(true);
    const job = await GemJob.find('n1');
    expect(() => job.done).toThrow(/'done'.*expected S "true" or "false".*found BOOL true/);
    expect(() => job.startsAt).toThrow(/'startsAt'.*found N 1714521600000.*epoch milliseconds/);
  });

  it('a boolean string other than "true"/"false" is refused, not read as null', async () => {
    await client.send(
      new PutItemCommand({
        TableName: table(),
        Item: { id: { S: 'g5' }, done: { S: 'yes' }, startsAt: { N: '17.5' } },
      }),
    );
    const job = await GemJob.find('g5');
    expect(() => job.done).toThrow(/found S "yes"/);
    expect(() => job.startsAt).toThrow(/found N 17.5, which is not whole epoch seconds/);
  });
});

describe('per-attribute storedAs', () => {
  class Mixed extends Table.schema({
    storage: 'gem',
    tableName: 'mixed',
    create: true,
    attributes: {
      seenAt: attr.datetime({ storedAs: 'epochMillis' }),
      flag: attr.boolean({ storedAs: 'bool' }),
      gemAt: attr.datetime(),
      moments: attr.datetimeSet({ storedAs: 'epochSeconds' }),
    },
  }) {}
  class NativeMixed extends Table.schema({
    tableName: 'mixed_native',
    create: true,
    attributes: {
      legacyAt: attr.datetime({ storedAs: 'epochSeconds' }),
      legacyFlag: attr.boolean({ storedAs: 'string' }),
    },
  }) {}

  it('overrides the model storage attribute by attribute', async () => {
    await Mixed.createOrThrow({
      id: 'm1',
      seenAt: new Date(1_700_000_000_123),
      flag: true,
      gemAt: new Date(1_700_000_000_123),
      moments: [new Date(1_000_000_000_000), new Date(1_100_000_000_000)],
    });
    const output = await client.send(
      new GetItemCommand({ TableName: `${prefix}mixed`, Key: { id: { S: 'm1' } } }),
    );
    expect(output.Item!.seenAt).toEqual({ N: '1700000000123' });
    expect(output.Item!.flag).toEqual({ BOOL: true });
    expect(output.Item!.gemAt).toEqual({ N: '1700000000' });
    expect(output.Item!.moments).toEqual({ NS: ['1000000000', '1100000000'] });
    const read = await Mixed.find('m1');
    expect(read.moments).toEqual([new Date(1_000_000_000_000), new Date(1_100_000_000_000)]);
    expect(Mixed.fields['seenAt']?.storedAs).toBe('epochMillis');

    await NativeMixed.createOrThrow({
      id: 'n1',
      legacyAt: new Date(1_500_000_000_000),
      legacyFlag: false,
    });
    const native = await client.send(
      new GetItemCommand({ TableName: `${prefix}mixed_native`, Key: { id: { S: 'n1' } } }),
    );
    expect(native.Item!.legacyAt).toEqual({ N: '1500000000' });
    expect(native.Item!.legacyFlag).toEqual({ S: 'false' });
    expect(native.Item!.createdAt!.N!.length).toBe(13);
  });

  it('refuses a storedAs that does not fit the type', () => {
    expect(() =>
      Table.schema({
        attributes: { n: attr.integer({ storedAs: 'epochSeconds' } as never) },
      }),
    ).toThrow(UnsupportedType);
    expect(() =>
      Table.schema({ attributes: { b: attr.boolean({ storedAs: 'epochSeconds' } as never) } }),
    ).toThrow(/'b' \(boolean\) cannot be stored as 'epochSeconds'/);
  });
});

describe("configure({ storage: 'gem' })", () => {
  afterAll(() => configure({ client, tableNamePrefix: prefix }));

  it('formats follow the configuration at each read and write; names are fixed at declaration', async () => {
    configure({ client, tableNamePrefix: prefix, storage: 'gem' });
    class Shared extends Table.schema({
      tableName: 'shared',
      hashKey: 'guid',
      create: true,
      attributes: { at: attr.datetime(), ok: attr.boolean() },
    }) {
      static {
        this.belongsTo('parentThing', () => Shared);
      }
      declare parent_thing_id: string | null;
    }
    expect(Shared.lockAttribute).toBe('lock_version');
    expect(Shared.tableHashKey).toBe('parent_thing_id');
    const shared = new Shared({ guid: 's1', at: new Date(1_700_000_000_000), ok: true });
    shared.parent_thing_id = 'p';
    await shared.saveOrThrow();
    const item = await client.send(
      new GetItemCommand({
        TableName: `${prefix}shared`,
        Key: { parent_thing_id: { S: 'p' }, guid: { S: 's1' } },
      }),
    );
    expect(item.Item!.at).toEqual({ N: '1700000000' });
    expect(item.Item!.ok).toEqual({ S: 'true' });

    configure({ client, tableNamePrefix: prefix });
    const reread = await Shared.find('p', 's1');
    expect(() => reread.at).toThrow(AttributeAssignmentError);
  });
});

describe('belongsTo under gem storage', () => {
  class GemForum extends Table.schema({
    storage: 'gem',
    tableName: 'gem_forums',
    create: true,
    attributes: { name: attr.string() },
  }) {
    static {
      this.hasMany('gemTopics', () => GemTopic);
    }
    declare readonly gemTopics: HasMany<GemTopic>;
  }
  class GemTopic extends Table.schema({
    storage: 'gem',
    hashKey: 'guid',
    tableName: 'gem_topics',
    create: true,
    attributes: { title: attr.string() },
  }) {
    static {
      this.belongsTo('gemForum', () => GemForum);
    }
    declare gemForum: BelongsTo<GemForum>;
    declare gem_forum_id: string | null;
  }

  it('keys the child by <parent>_id, found by the parent', async () => {
    expect(GemTopic.tableHashKey).toBe('gem_forum_id');
    await GemTopic.establishDbConnection();
    const forum = await GemForum.createOrThrow({ name: 'f' });
    await client.send(
      new PutItemCommand({
        TableName: `${prefix}gem_topics`,
        Item: {
          gem_forum_id: { S: String(forum.id) },
          guid: { S: 't1' },
          title: { S: 'from ruby' },
          created_at: { N: String(SECONDS) },
          updated_at: { N: String(SECONDS) },
          lock_version: { N: '0' },
        },
      }),
    );
    const topics = await forum.gemTopics.toArray();
    expect(topics.map((t) => t.title)).toEqual(['from ruby']);
    expect((await topics[0]!.gemForum())?.id).toBe(forum.id);
  });
});
