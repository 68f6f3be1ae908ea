import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { attr, AttributeAssignmentError, DynamoError, Table } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { client, prefix } = useDynamo();

class Reading extends Table.schema({
  attributes: {
    value: attr.float(),
    count: attr.integer(),
    samples: attr.floatSet(),
    raw: attr.json<{ n: number }>(),
  },
}) {
  static {
    this.validates('value', { uniqueness: true });
  }
}

beforeAll(async () => {
  await Reading.createTable();
});

async function storedItem(id: string) {
  const out = await client.send(
    new GetItemCommand({
      TableName: `${prefix}readings`,
      Key: { id: { S: id } },
      ConsistentRead: true,
    }),
  );
  return out.Item!;
}

async function guardExists(text: string): Promise<boolean> {
  const out = await client.send(
    new GetItemCommand({
      TableName: `${prefix}readings_unique_values`,
      Key: { guard: { S: `value#${text}` } },
      ConsistentRead: true,
    }),
  );
  return out.Item !== undefined;
}

describe("numbers are written in DynamoDB's canonical form", () => {
  it('stores 1e21 and 1e-7 as the plain text DynamoDB reads back', async () => {
    const big = await Reading.createOrThrow({
      value: 2e21,
      samples: [1e-7, 2.5e22],
      raw: { n: 1e21 },
    });
    expect((await storedItem(big.id))['value']).toEqual({ N: '2000000000000000000000' });
    expect(new Set((await storedItem(big.id))['samples']?.NS)).toEqual(
      new Set(['0.0000001', '25000000000000000000000']),
    );
    const again = await Reading.find(big.id);
    expect(again.value).toBe(2e21);
    expect(again.samples).toEqual(expect.arrayContaining([1e-7, 2.5e22]));
    expect(again.raw).toEqual({ n: 1e21 });
  });

  for (const value of [1e21, 1e-7]) {
    it(`round-trips ${value} through a unique-value guard: taken, released, taken again`, async () => {
      const owner = await Reading.createOrThrow({ value });
      expect(await guardExists(String(value))).toBe(false);
      const taken = await Reading.create({ value });
      expect(taken.errors.toJSON()).toEqual({ value: ['has already been taken'] });

      // Released from a copy read back from DynamoDB, whose text is DynamoDB's own.
      const loaded = await Reading.find(owner.id);
      loaded.value = 42.5;
      await loaded.saveOrThrow();
      const second = await Reading.create({ value });
      expect(second.isPersisted()).toBe(true);
      await second.destroyOrThrow();
      await loaded.destroyOrThrow();
      // No guard left behind under any spelling.
      expect(await guardExists(String(value))).toBe(false);
      expect(await guardExists(value === 1e21 ? '1000000000000000000000' : '0.0000001')).toBe(
        false,
      );
    });
  }
});

describe('integers beyond 2^53', () => {
  it('refuses to read a stored integer a JavaScript number cannot hold, naming it', async () => {
    await client.send(
      new PutItemCommand({
        TableName: `${prefix}readings`,
        Item: { id: { S: 'huge' }, count: { N: '9007199254740993' }, lockVersion: { N: '0' } },
      }),
    );
    const record = await Reading.find('huge');
    expect(() => record.count).toThrow(AttributeAssignmentError);
    expect(() => record.count).toThrow(/'count'.*9007199254740993/);
  });

  it('refuses an increment whose result is beyond the safe range', async () => {
    const record = await Reading.createOrThrow({ count: Number.MAX_SAFE_INTEGER - 1 });
    expect(await record.increment('count', 1)).toBe(Number.MAX_SAFE_INTEGER);
    const beyond = record.increment('count', 1);
    await expect(beyond).rejects.toThrow(DynamoError);
    await expect(beyond).rejects.toThrow(/Reading\.count was incremented to 9007199254740992/);
  });
});
