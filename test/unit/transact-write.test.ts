import { describe, expect, it } from 'vitest';
import { attr, Table } from '../../src/index.js';
import type { RecordLike } from '../../src/persistence/record-internals.js';
import {
  buildItem,
  createOperation,
  deleteOperation,
  incrementOperation,
} from '../../src/persistence/write-requests.js';
import { schemaOf, type ModelClass } from '../../src/schema/model-class.js';
import { assertTransactable, transactItem } from '../../src/transactions/transact-write.js';
import { planGuards } from '../../src/uniqueness/guards.js';

const guardOperations = (operation: Parameters<typeof planGuards>[0]) =>
  planGuards(operation).guards;

class Member extends Table.schema({
  attributes: { email: attr.string(), visits: attr.integer() },
}) {
  static {
    this.validates('email', { uniqueness: true });
  }
}

function created(id: string, email = ''): RecordLike {
  const record = new Member({ id, email }) as unknown as RecordLike;
  return record;
}

function createOf(record: RecordLike) {
  return createOperation(record, buildItem(schemaOf(Member as unknown as ModelClass), record));
}

describe('transaction requests (offline)', () => {
  it('a create becomes a Put with its condition; an increment an Update without ReturnValues', () => {
    const record = created('m1', 'a@example.com');
    expect(transactItem(createOf(record))).toEqual({
      Put: {
        TableName: 'members',
        Item: expect.objectContaining({ id: { S: 'm1' }, email: { S: 'a@example.com' } }),
        ConditionExpression: 'attribute_not_exists(#n0)',
        ExpressionAttributeNames: { '#n0': 'id' },
        // On a failed condition DynamoDB returns the item held, to recognise a resend.
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    });
    const increment = transactItem(incrementOperation(record, 'visits', 2));
    expect(increment.Update).toMatchObject({
      Key: { id: { S: 'm1' } },
      UpdateExpression: 'ADD #n0 :v0',
    });
    expect(increment.Update).not.toHaveProperty('ReturnValues');
  });

  it('a create with a unique value carries a guard Put conditioned on the value being free', () => {
    const record = created('m2', 'b@example.com');
    const [guard] = guardOperations(createOf(record));
    expect(guard && transactItem(guard)).toEqual({
      Put: {
        TableName: 'members_unique_values',
        Item: { guard: { S: 'email#b@example.com' }, owner: { S: '{"id":{"S":"m2"}}' } },
        ConditionExpression: 'attribute_not_exists(#n0) OR #n1 = :v0',
        ExpressionAttributeNames: { '#n0': 'guard', '#n1': 'owner' },
        ExpressionAttributeValues: { ':v0': { S: '{"id":{"S":"m2"}}' } },
      },
    });
    expect(guardOperations(createOf(created('m3')))).toEqual([]);
  });

  it('refuses more than 100 actions and two actions on one item', () => {
    const operations = Array.from({ length: 101 }, (_, i) => createOf(created(`x${i}`)));
    expect(() => assertTransactable(operations)).toThrow(/101 writes.*at most 100/);
    expect(() => assertTransactable(operations.slice(0, 100))).not.toThrow();
    const record = created('same');
    expect(() =>
      assertTransactable([createOf(record), deleteOperation(record, null, 'delete')]),
    ).toThrow(/writes Member "same" twice \(create, then delete\)/);
    const one = created('g1', 'same@example.com');
    const two = created('g2', 'same@example.com');
    const both = [
      createOf(one),
      ...guardOperations(createOf(one)),
      createOf(two),
      ...guardOperations(createOf(two)),
    ];
    expect(() => assertTransactable(both)).toThrow(/unique Member\.email value twice/);
  });
});
