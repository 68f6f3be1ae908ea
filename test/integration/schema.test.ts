import { DescribeTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attr,
  AttributeAssignmentError,
  createTableInput,
  ConnectionNotEstablished,
  DangerousAttributeError,
  Table,
  TableNotFound,
  UnknownAttributeError,
  UnsupportedType,
} from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { client, prefix, log } = useDynamo();

interface Step {
  name: string;
}

class AsyncJob extends Table.schema({
  hashKey: 'guid',
  readCapacityUnits: 4,
  writeCapacityUnits: 3,
  attributes: {
    credentials: attr.string({ default: 'blah' }),
    token: attr.string({ default: () => `t-${Math.random()}` }),
    steps: attr.serialized<Step[]>({ default: () => [] }),
    meta: attr.json<{ retries: number; nested?: { list: unknown[] } }>(),
    maxSeconds: attr.integer({ default: 86400 }),
    ratio: attr.float(),
    destroyAt: attr.datetime(),
    succeeded: attr.boolean({ default: false }),
    tags: attr.stringSet(),
    counts: attr.integerSet(),
    weights: attr.floatSet(),
    moments: attr.datetimeSet(),
    list: attr.json<string[]>({ default: ['shared'] }),
  },
  globalSecondaryIndexes: [{ hashKey: 'token', projection: 'all' }],
}) {}

class Authentication extends Table.schema({
  hashKey: 'username',
  rangeKey: 'expiresAt',
  billingMode: 'PAY_PER_REQUEST',
  timestamps: ['madeAt', 'changedAt'],
  locking: false,
  attributes: {
    expiresAt: attr.datetime(),
    token: attr.string(),
    apiUserId: attr.string(),
    createdAt: attr.datetime({ localSecondaryIndex: true }),
  },
  globalSecondaryIndexes: [
    { hashKey: 'token', projection: 'keysOnly' },
    { hashKey: 'apiUserId', rangeKey: 'expiresAt', projection: ['token'] },
  ],
}) {}

class Reading extends Table.schema({
  hashKey: 'sensor',
  rangeKey: 'at',
  tableName: 'sensor_readings',
  tableNamePrefix: 'own_',
  tableNameSuffix: '_v2',
  create: true,
  attributes: { sensor: attr.integer(), at: attr.float(), value: attr.float() },
}) {}

beforeAll(async () => {
  await Promise.all([AsyncJob.createTable(), Authentication.createTable()]);
});

afterAll(async () => {
  await Reading.deleteTable();
});

describe('class metadata', () => {
  it('derives names and keys from the declaration', () => {
    expect(AsyncJob.tableName).toBe('async_jobs');
    expect(AsyncJob.tableFullName).toBe(`${prefix}async_jobs`);
    expect(AsyncJob.tableNamePrefix).toBeNull();
    expect(AsyncJob.tableNameSuffix).toBeNull();
    expect(AsyncJob.tableHashKey).toBe('guid');
    expect(AsyncJob.tableRangeKey).toBeNull();
    expect(AsyncJob.tableReadCapacityUnits).toBe(4);
    expect(AsyncJob.tableWriteCapacityUnits).toBe(3);
    expect(AsyncJob.tableConnectPolicy).toBe('late');
    expect(AsyncJob.tableCreatePolicy).toBe(false);
    expect(AsyncJob.lockAttribute).toBe('lockVersion');
    expect(AsyncJob.timestampAttributes).toEqual(['createdAt', 'updatedAt']);
    expect(Authentication.lockAttribute).toBe(false);
    expect(Authentication.timestampAttributes).toEqual(['madeAt', 'changedAt']);
    expect(Reading.tableFullName).toBe('own_sensor_readings_v2');
    expect(Reading.tableCreatePolicy).toBe(true);
  });

  it('lists fields in order: hash key, range key, attributes, timestamps, lock', () => {
    expect(Object.keys(AsyncJob.fields)).toEqual([
      'guid',
      'credentials',
      'token',
      'steps',
      'meta',
      'maxSeconds',
      'ratio',
      'destroyAt',
      'succeeded',
      'tags',
      'counts',
      'weights',
      'moments',
      'list',
      'createdAt',
      'updatedAt',
      'lockVersion',
    ]);
    expect(AsyncJob.fields.maxSeconds).toMatchObject({ type: 'integer', default: 86400 });
    expect(AsyncJob.fields.guid?.type).toBe('string');
    expect(AsyncJob.fields.lockVersion).toMatchObject({ type: 'integer', default: 0 });
    expect(AsyncJob.fields.createdAt?.type).toBe('datetime');
    expect(AsyncJob.fields.ratio?.default).toBeUndefined();
    expect(Object.keys(Authentication.fields).slice(0, 2)).toEqual(['username', 'expiresAt']);
  });

  it('names indexes as the gem did, with capacities defaulting to the table', () => {
    expect(AsyncJob.globalSecondaryIndexes).toEqual([
      {
        name: 'token_global',
        hashKey: 'token',
        rangeKey: null,
        projection: 'all',
        readCapacityUnits: 4,
        writeCapacityUnits: 3,
      },
    ]);
    expect(Authentication.globalSecondaryIndexes.map((i) => i.name)).toEqual([
      'token_global',
      'apiUserId_expiresAt_global',
    ]);
    expect(Authentication.localSecondaryIndexes).toEqual([
      { name: 'createdAt', rangeKey: 'createdAt' },
    ]);
  });

  it('pluralizes snake_case class names with a real pluralizer', () => {
    class Person extends Table.schema({}) {}
    class HTTPStatus extends Table.schema({}) {}
    class ApiUserCategory extends Table.schema({}) {}
    expect([Person.tableName, HTTPStatus.tableName, ApiUserCategory.tableName]).toEqual([
      'people',
      'http_statuses',
      'api_user_categories',
    ]);
  });
});

describe('tables', () => {
  it('creates the declared indexes, as DynamoDB reports them back', async () => {
    const { Table: described } = await client.send(
      new DescribeTableCommand({ TableName: Authentication.tableFullName }),
    );
    expect(described?.KeySchema).toEqual([
      { AttributeName: 'username', KeyType: 'HASH' },
      { AttributeName: 'expiresAt', KeyType: 'RANGE' },
    ]);
    expect(described?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    const types = Object.fromEntries(
      (described?.AttributeDefinitions ?? []).map((d) => [d.AttributeName, d.AttributeType]),
    );
    expect(types).toEqual({
      username: 'S',
      expiresAt: 'N',
      createdAt: 'N',
      token: 'S',
      apiUserId: 'S',
    });
    expect(
      described?.LocalSecondaryIndexes?.map((i) => [i.IndexName, i.KeySchema?.[1]?.AttributeName]),
    ).toEqual([['createdAt', 'createdAt']]);
    const globals = Object.fromEntries(
      (described?.GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName, i]),
    );
    expect(globals.token_global?.Projection?.ProjectionType).toBe('KEYS_ONLY');
    expect(globals.apiUserId_expiresAt_global?.Projection).toEqual({
      ProjectionType: 'INCLUDE',
      NonKeyAttributes: ['token'],
    });
    const jobs = await client.send(new DescribeTableCommand({ TableName: AsyncJob.tableFullName }));
    expect(jobs.Table?.ProvisionedThroughput?.ReadCapacityUnits).toBe(4);
    expect(jobs.Table?.GlobalSecondaryIndexes?.[0]?.Projection?.ProjectionType).toBe('ALL');
  });

  it('tableExists, deleteTable, and a create policy that makes the table on first use', async () => {
    expect(await Reading.tableExists()).toBe(false);
    const reading = await Reading.create({ sensor: 7, at: 1.5, value: 20.25 });
    expect(reading.isPersisted()).toBe(true);
    expect(await Reading.tableExists()).toBe(true);
    expect((await Reading.find(7, 1.5)).value).toBe(20.25);
    expect(await Reading.deleteTable()).toBe(true);
    expect(await Reading.deleteTable()).toBe(false);
  });

  it('throws TableNotFound for a missing table when the create policy is false', async () => {
    class Missing extends Table.schema({ attributes: { name: attr.string() } }) {}
    await expect(Missing.establishDbConnection()).rejects.toBeInstanceOf(TableNotFound);
    const error = await Missing.create({ name: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableNotFound);
    expect((error as Error).message).toContain(`${prefix}missings`);
  });

  it('connect: false refuses requests until establishDbConnection', async () => {
    class Manual extends Table.schema({
      tableName: 'async_jobs',
      hashKey: 'guid',
      connect: false,
    }) {}
    await expect(Manual.findByKey('x')).rejects.toBeInstanceOf(ConnectionNotEstablished);
    await Manual.establishDbConnection();
    expect(await Manual.findByKey('x')).toBeNull();
  });
});

describe('attributes', () => {
  it('applies defaults, calling functions and copying arrays per instance', () => {
    const a = new AsyncJob();
    const b = new AsyncJob();
    expect(a.credentials).toBe('blah');
    expect(a.maxSeconds).toBe(86400);
    expect(a.succeeded).toBe(false);
    expect(a.token).not.toBe(b.token);
    a.steps?.push({ name: 'one' });
    a.list?.push('mine');
    expect(b.steps).toEqual([]);
    expect(b.list).toEqual(['shared']);
  });

  it('reads unset values: strings as empty, sets as empty arrays, others as null', () => {
    const job = new AsyncJob();
    expect([job.guid, job.ratio, job.destroyAt, job.meta, job.tags, job.moments]).toEqual([
      '',
      null,
      null,
      null,
      [],
      [],
    ]);
  });

  it('casts on assignment and rejects what cannot be cast, naming model, attribute and value', () => {
    const job = new AsyncJob();
    job.writeAttribute('maxSeconds', '42');
    expect(job.maxSeconds).toBe(42);
    job.writeAttribute('maxSeconds', ' ');
    expect(job.maxSeconds).toBeNull();
    job.writeAttribute('succeeded', 'true');
    expect(job.succeeded).toBe(true);
    job.writeAttribute('destroyAt', '2025-01-02T03:04:05.678Z');
    expect(job.destroyAt?.getTime()).toBe(Date.UTC(2025, 0, 2, 3, 4, 5, 678));
    job.writeAttribute('destroyAt', 0);
    expect(job.destroyAt?.getTime()).toBe(0);
    job.writeAttribute('credentials', 12.5);
    expect(job.credentials).toBe('12.5');
    job.assignAttributes({ tags: new Set(['a', 'b']) });
    expect(job.tags).toEqual(['a', 'b']);
    for (const [name, value] of [
      ['maxSeconds', 'Edwin'],
      ['maxSeconds', '86400-extra'],
      ['maxSeconds', 3.14],
      ['ratio', Number.NaN],
      ['ratio', Infinity],
      ['maxSeconds', true],
      ['destroyAt', 'not a date'],
      ['credentials', { an: 'object' }],
      ['tags', ['a', 'a']],
    ] as const) {
      const error = (() => {
        try {
          job.writeAttribute(name, value as never);
        } catch (e) {
          return e;
        }
      })();
      expect(error, `${name} = ${String(value)}`).toBeInstanceOf(AttributeAssignmentError);
      expect((error as Error).message).toContain(`AsyncJob.${name}`);
    }
    expect(() => job.writeAttribute('maxSeconds', 'Edwin')).toThrow(/"Edwin"/);
  });

  it('rejects unknown attributes in the constructor and assignAttributes', () => {
    expect(() => new AsyncJob({ nope: 1 } as never)).toThrow(UnknownAttributeError);
    expect(() => new AsyncJob().assignAttributes({ isAdmin: true })).toThrow(
      /Unknown attribute 'isAdmin' for AsyncJob/,
    );
    // @ts-expect-error: an unknown name
    expect(() => new AsyncJob().readAttribute('nope')).toThrow(UnknownAttributeError);
  });

  it('throws DangerousAttributeError for names that collide with Table members', () => {
    expect(() => Table.schema({ attributes: { save: attr.string() } })).toThrow(
      DangerousAttributeError,
    );
    expect(() => Table.schema({ attributes: { errors: attr.string() } })).toThrow(
      DangerousAttributeError,
    );
    expect(() => Table.schema({ attributes: { attributes: attr.json() } })).toThrow(
      DangerousAttributeError,
    );
    expect(() =>
      Table.schema({ attributes: { count: attr.integer(), name: attr.string() } }),
    ).not.toThrow();
  });

  it('throws UnsupportedType for unknown types and keys of the wrong type', () => {
    expect(() =>
      Table.schema({
        attributes: {
          x: { type: 'decimal', default: undefined, localSecondaryIndex: false } as never,
        },
      }),
    ).toThrow(UnsupportedType);
    expect(() => Table.schema({ hashKey: 'flag', attributes: { flag: attr.boolean() } })).toThrow(
      UnsupportedType,
    );
    class NoRange extends Table.schema({
      attributes: { at: attr.datetime({ localSecondaryIndex: true }) },
    }) {}
    expect(() => createTableInput(NoRange)).toThrow(/needs a table with a range key/);
    expect(() => Table.schema({ globalSecondaryIndexes: [{ hashKey: 'undeclared' }] })).toThrow(
      UnknownAttributeError,
    );
    expect(() => Table.schema({ tableName: 'bad name!' })).toThrow(/not allowed/);
  });
});

describe('storage', () => {
  it('stores each type as documented and reads it back unchanged', async () => {
    const moment = new Date('2024-02-29T12:34:56.789Z');
    const job = await AsyncJob.create({
      credentials: 'secret',
      steps: [{ name: 'fetch' }],
      meta: { retries: 2, nested: { list: [1, 'two', true, null, { deep: 'x' }] } },
      maxSeconds: 60,
      ratio: 0.25,
      destroyAt: moment,
      succeeded: true,
      tags: ['red', 'green'],
      counts: [3, 1, 2],
      weights: [0.5, 1.25],
      moments: [moment, new Date(0)],
    });
    const { Item: item } = await client.send(
      new GetItemCommand({
        TableName: AsyncJob.tableFullName,
        Key: { guid: { S: job.guid } },
        ConsistentRead: true,
      }),
    );
    expect(item?.credentials).toEqual({ S: 'secret' });
    expect(item?.steps).toEqual({ S: '[{"name":"fetch"}]' });
    expect(item?.meta?.M?.retries).toEqual({ N: '2' });
    expect(item?.meta?.M?.nested?.M?.list?.L?.[3]).toEqual({ NULL: true });
    expect(item?.maxSeconds).toEqual({ N: '60' });
    expect(item?.ratio).toEqual({ N: '0.25' });
    expect(item?.destroyAt).toEqual({ N: String(moment.getTime()) });
    expect(item?.succeeded).toEqual({ BOOL: true });
    expect(new Set(item?.tags?.SS)).toEqual(new Set(['red', 'green']));
    expect(new Set(item?.counts?.NS)).toEqual(new Set(['1', '2', '3']));
    expect(new Set(item?.moments?.NS)).toEqual(new Set([String(moment.getTime()), '0']));
    const reread = await AsyncJob.find(job.guid, { consistent: true });
    expect(reread.steps).toEqual([{ name: 'fetch' }]);
    expect(reread.meta).toEqual({
      retries: 2,
      nested: { list: [1, 'two', true, null, { deep: 'x' }] },
    });
    expect(reread.destroyAt?.getTime()).toBe(moment.getTime());
    expect(reread.succeeded).toBe(true);
    expect([...reread.counts].sort()).toEqual([1, 2, 3]);
    expect(reread.moments.map((d) => d.getTime()).sort()).toEqual([0, moment.getTime()]);
    expect(reread.isChanged()).toBe(false);
  });

  it('does not store empty strings or empty sets', async () => {
    const job = await AsyncJob.create({ credentials: '', tags: [] });
    const { Item: item } = await client.send(
      new GetItemCommand({
        TableName: AsyncJob.tableFullName,
        Key: { guid: { S: job.guid } },
        ConsistentRead: true,
      }),
    );
    expect(item).not.toHaveProperty('credentials');
    expect(item).not.toHaveProperty('tags');
  });

  it('datetime range keys sort chronologically and round-trip to the millisecond', async () => {
    const times = [
      new Date('2030-01-01T00:00:00.001Z'),
      new Date('1999-12-31T23:59:59.999Z'),
      new Date('2024-06-01T10:00:00.500Z'),
    ];
    for (const expiresAt of times)
      await Authentication.create({ username: 'ada', expiresAt, token: `t${expiresAt.getTime()}` });
    log.clear();
    const found = await Authentication.find('ada', times[1]);
    expect(found.expiresAt?.getTime()).toBe(times[1]?.getTime());
    expect(log.operations).toEqual(['GetItem']);
  });
});
