/**
 * Offline edge cases of the core: item sizing, document conversion, request building,
 * client configuration and failure translation. Each asserts what a wrong implementation
 * would get wrong.
 */
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  attributeValueToJson,
  copyJsonValue,
  jsonToAttributeValue,
} from '../../src/attributes/codecs/json-values.js';
import { codecs } from '../../src/attributes/codecs/index.js';
import { configure, DEFAULT_REQUEST_TIMEOUT_MS, dynamoClient } from '../../src/configuration.js';
import { send } from '../../src/connection/request.js';
import { createTableInput } from '../../src/connection/table-management.js';
import {
  ConnectionNotEstablished,
  DynamoError,
  RequestFailed,
  UnknownPrimaryKey,
  attr,
  Table,
} from '../../src/index.js';
import { ExpressionBuilder } from '../../src/dynamo/expressions.js';
import { assertItemSize, attributeValueSize } from '../../src/dynamo/item-size.js';
import { assertKeyValue } from '../../src/dynamo/keys.js';
import { describeKey, primaryKey } from '../../src/querying/keys.js';
import { schemaOf } from '../../src/schema/model-class.js';

describe('attributeValueSize follows DynamoDB sizing rules', () => {
  it.each([
    [{ S: 'héllo' }, 6],
    [{ N: '12345' }, 4],
    [{ N: '-1.5e10' }, 3], // 01|50, then zero pairs
    [{ B: new Uint8Array(10) }, 10],
    [{ BOOL: true }, 1],
    [{ NULL: true }, 1],
    [{ SS: ['ab', 'c'] }, 3],
    [{ NS: ['1', '22'] }, 4],
    [{ L: [{ S: 'a' }, { BOOL: false }] }, 3 + 2 + 2],
    [{ M: { ab: { S: 'xyz' } } }, 3 + 1 + 2 + 3],
    [{}, 0],
  ])('%o is %i bytes', (value, size) => {
    expect(attributeValueSize(value as never)).toBe(size);
  });

  it('assertItemSize counts names and refuses just past 400 KB, naming the model', () => {
    const limit = 400 * 1024;
    expect(() => assertItemSize('Doc', { a: { S: 'x'.repeat(limit - 1) } })).not.toThrow();
    expect(() => assertItemSize('Doc', { ab: { S: 'x'.repeat(limit - 1) } })).toThrow(
      /Doc item is 409601 bytes/,
    );
  });

  it('assertKeyValue refuses missing, empty and oversized keys', () => {
    expect(() => assertKeyValue('M', 'id', 'hash', undefined)).toThrow(
      /M\.id \(the hash key\) is empty/,
    );
    expect(() => assertKeyValue('M', 'id', 'hash', { S: '' })).toThrow(DynamoError);
    expect(() => assertKeyValue('M', 'at', 'range', { S: 'x'.repeat(1024) })).not.toThrow();
    expect(() => assertKeyValue('M', 'at', 'range', { S: 'x'.repeat(1025) })).toThrow(
      /M\.at \(the range key\) is 1025 bytes/,
    );
    expect(() => assertKeyValue('M', 'n', 'hash', { N: '5' })).not.toThrow();
  });
});

describe('document conversion', () => {
  it('reads sets and unknown types inside a stored map', () => {
    const stored = {
      M: {
        tags: { SS: ['a', 'b'] },
        nums: { NS: ['1', '2.5'] },
        blob: { B: new Uint8Array(1) },
        none: { NULL: true },
      },
    };
    expect(attributeValueToJson(stored as never)).toEqual({
      tags: ['a', 'b'],
      nums: [1, 2.5],
      blob: null,
      none: null,
    });
  });

  it('refuses data nested deeper than DynamoDB allows, and circular data', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(() => copyJsonValue(deep)).toThrow(/nested deeper/);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => copyJsonValue(circular)).toThrow(/nested deeper/);
  });

  it('skips undefined members and keeps __proto__ as data in both directions', () => {
    const value = JSON.parse('{"__proto__":{"x":1},"keep":1}') as Record<string, unknown>;
    value.drop = undefined;
    const copy = copyJsonValue(value) as Record<string, unknown>;
    expect(Object.keys(copy)).toEqual(['__proto__', 'keep']);
    const stored = jsonToAttributeValue({ keep: 1, gone: undefined });
    expect(Object.keys(stored.M!)).toEqual(['keep']);
    expect(Object.keys(jsonToAttributeValue(copy).M!)).toEqual(['__proto__', 'keep']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });

  it('a serialized attribute whose stored text is not JSON fails to read, saying why', () => {
    expect(() => codecs.serialized.fromAttributeValue({ S: '{not json' })).toThrow(
      /not valid JSON/,
    );
    expect(codecs.serialized.fromAttributeValue(undefined)).toBeNull();
    expect(codecs.serialized.toAttributeValue(null)).toBeUndefined();
    expect(codecs.json.fromAttributeValue(undefined)).toBeNull();
  });
});

describe('expressions', () => {
  it('reuses a name placeholder and leaves out empty maps', () => {
    const builder = new ExpressionBuilder();
    expect(builder.maps()).toEqual({});
    expect(builder.name('a.b')).toBe('#n0');
    expect(builder.name('a.b')).toBe('#n0');
    expect(builder.value({ S: ':v0' })).toBe(':v0');
    expect(builder.maps()).toEqual({
      ExpressionAttributeNames: { '#n0': 'a.b' },
      ExpressionAttributeValues: { ':v0': { S: ':v0' } },
    });
  });
});

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

describe('client configuration', () => {
  it('builds a client with each timeout alone, and with neither', async () => {
    for (const options of [{ requestTimeout: 10 }, { connectionTimeout: 10 }, {}]) {
      configure({
        region: 'eu-west-1',
        endpoint: 'http://127.0.0.1:9',
        maxAttempts: 1,
        ...options,
      });
      const client = dynamoClient();
      expect(await client.config.region()).toBe('eu-west-1');
      expect(dynamoClient()).toBe(client);
    }
    configure({});
    expect(dynamoClient()).toBeDefined();
  });

  /** The options the client's HTTP handler was built with. */
  async function handlerConfig(): Promise<Record<string, unknown>> {
    const handler = dynamoClient().config.requestHandler as unknown as {
      configProvider: Promise<Record<string, unknown>>;
    };
    return handler.configProvider;
  }

  it('bounds every attempt by a finite default request timeout; 0 turns it off', async () => {
    expect(DEFAULT_REQUEST_TIMEOUT_MS).toBe(10_000);
    configure({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:9' });
    expect(await handlerConfig()).toMatchObject({
      requestTimeout: DEFAULT_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    });
    configure({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:9', requestTimeout: 250 });
    expect(await handlerConfig()).toMatchObject({ requestTimeout: 250 });
    configure({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:9', requestTimeout: 0 });
    expect((await handlerConfig())['requestTimeout']).toBeUndefined();
    configure({});
  });

  it('refuses malformed timeouts and attempts, naming the option', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ requestTimeout: -1 }, 'requestTimeout'],
      [{ requestTimeout: Number.NaN }, 'requestTimeout'],
      [{ connectionTimeout: 1.5 }, 'connectionTimeout'],
      [{ maxAttempts: 0 }, 'maxAttempts'],
      [{ maxAttempts: Number.POSITIVE_INFINITY }, 'maxAttempts'],
    ];
    for (const [options, argument] of cases) {
      expect(() => configure(options)).toThrow(
        expect.objectContaining({ name: 'InvalidArgument', argument }),
      );
    }
    configure({});
  });
});

describe('failure translation', () => {
  it('names the operation without a model or table when none is known', async () => {
    configure({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      maxAttempts: 1,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    const error = await send(new GetItemCommand({ TableName: 'x', Key: { id: { S: '1' } } })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectionNotEstablished);
    expect((error as Error).message).toMatch(/^Could not reach DynamoDB \(GetItem\): /);
  });

  it('wraps errors that came back from DynamoDB in RequestFailed, and reports through a logger that throws', async () => {
    const answered = Object.assign(new Error('bad'), {
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
    const client = { send: () => Promise.reject(answered) } as never;
    const lines: string[] = [];
    configure({
      logger: {
        debug: (line) => {
          lines.push(line);
          throw new Error('logger broke');
        },
      },
    });
    const error = await send(
      new PutItemCommand({ TableName: 't', Item: {} }),
      { model: 'M', table: 't' },
      client,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestFailed);
    expect(error).toMatchObject({ code: 'ValidationException', operation: 'PutItem', table: 't' });
    expect((error as Error).cause).toBe(answered);
    expect((error as Error).message).toBe(
      "DynamoDB refused PutItem on 't' for M: ValidationException (bad)",
    );
    expect(lines).toEqual([
      expect.stringMatching(/^DynamoDB PutItem t .* ms failed: ValidationException$/),
    ]);
    configure({});
  });

  it('logs a request without a table, and names a network error by its code', async () => {
    const lines: string[] = [];
    configure({ logger: { debug: (line) => lines.push(line) } });
    const answering = { send: () => Promise.resolve({}) } as never;
    await send(new GetItemCommand({ TableName: 't', Key: {} }), {}, answering);
    expect(lines).toEqual([expect.stringMatching(/^DynamoDB GetItem \d+\.\d ms$/)]);
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const failing = { send: () => Promise.reject(reset) } as never;
    const error = await send(
      new GetItemCommand({ TableName: 't', Key: {} }),
      { model: 'M', table: 't' },
      failing,
    ).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      "Could not reach DynamoDB for M (GetItem on 't'): ECONNRESET",
    );
    expect((error as Error).cause).toBe(reset);
    configure({});
  });
});
