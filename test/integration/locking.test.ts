/**
 * Optimistic locking at its edges: models without it (or timestamps), items written by other
 * programs without a lock attribute, and the stale-record message of a composite key.
 */
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { StaleObjectError } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';
import { Bare, Diary, Stamped } from '../support/edge-models.js';

const { log, client, prefix } = useDynamo();

beforeAll(async () => {
  await Promise.all([Bare.createTable(), Stamped.createTable(), Diary.createTable()]);
});

describe('models without timestamps or locking', () => {
  it('create, update, touch, destroy send no timestamp or lock, and a failed create restores the key', async () => {
    const bare = await Bare.create({ name: 'a' });
    expect(bare.attributes).toEqual({
      id: bare.id,
      name: 'a',
      count: null,
      seenAt: null,
      meta: null,
    });
    log.clear();
    bare.name = 'b';
    await bare.saveOrThrow();
    const update = log.inputs[0] as { UpdateExpression: string; ConditionExpression: string };
    expect(update.UpdateExpression).toBe('SET #n0 = :v0');
    expect(update.ConditionExpression).toBe('attribute_exists(#n1)');
    // Nothing changed and nothing to stamp: no request at all.
    log.clear();
    expect(await bare.save()).toBe(true);
    expect(log.operations).toEqual([]);
    await bare.touch('seenAt');
    expect(bare.seenAt).toBeInstanceOf(Date);
    expect(await bare.destroy()).toBe(true);

    const clash = new Bare({ id: bare.id === 'x' ? 'y' : 'x', name: 'first' });
    await clash.saveOrThrow();
    const again = new Bare({ id: clash.id });
    await expect(again.save()).rejects.toThrow(/already exists/);
    expect(again.isNewRecord()).toBe(true);
  });

  it('an update of an item deleted meanwhile throws StaleObjectError even without locking', async () => {
    const bare = await Bare.create({ name: 'doomed' });
    await Bare.delete(bare.id);
    bare.name = 'late';
    await expect(bare.save()).rejects.toBeInstanceOf(StaleObjectError);
    expect(bare.isChanged('name')).toBe(true);
  });
});

describe('items written by other programs', () => {
  it('unknown attributes are kept on update; an item without a lock attribute counts as version 0', async () => {
    await client.send(
      new PutItemCommand({
        TableName: `${prefix}stampeds`,
        Item: {
          id: { S: 'foreign' },
          name: { S: 'old' },
          extra: { B: new Uint8Array([1, 2, 3]) },
          legacy: { SS: ['a'] },
        },
      }),
    );
    const stamped = await Stamped.find('foreign', { consistent: true });
    expect(stamped.lockVersion ?? 0).toBe(0);
    expect(stamped.isChanged()).toBe(false);
    stamped.name = 'new';
    await stamped.saveOrThrow();
    expect(stamped.lockVersion).toBe(1);
    const found = await Stamped.find('foreign', { consistent: true });
    expect(found.name).toBe('new');
    expect(found.lockVersion).toBe(1);
    const raw = await client.send(
      new GetItemCommand({
        TableName: `${prefix}stampeds`,
        Key: { id: { S: 'foreign' } },
        ConsistentRead: true,
      }),
    );
    expect(raw.Item?.extra).toEqual({ B: new Uint8Array([1, 2, 3]) });
    expect(raw.Item?.legacy).toEqual({ SS: ['a'] });
  });

  it('a record read with version 0 is stale once a program without locking rewrote its item, and the update sends the version check alone', async () => {
    const stamped = await Stamped.createOrThrow({ id: 'rewritten', name: 'mine' });
    expect(stamped.lockVersion).toBe(0);
    // Another program, without locking, puts the item again: no lock attribute any more.
    await client.send(
      new PutItemCommand({
        TableName: `${prefix}stampeds`,
        Item: { id: { S: 'rewritten' }, name: { S: 'theirs' } },
      }),
    );
    log.clear();
    stamped.name = 'lost?';
    await expect(stamped.saveOrThrow()).rejects.toBeInstanceOf(StaleObjectError);
    const update = log.inputs[log.operations.indexOf('UpdateItem')] as {
      ConditionExpression: string;
      ExpressionAttributeNames: Record<string, string>;
    };
    // The version alone: an `OR attribute_not_exists` would let the rewrite be overwritten.
    expect(update.ConditionExpression).toMatch(/^#n\d+ = :v\d+$/);
    expect(update.ExpressionAttributeNames[update.ConditionExpression.split(' ')[0]!]).toBe(
      'lockVersion',
    );
    const found = await Stamped.find('rewritten', { consistent: true });
    expect(found.name).toBe('theirs');
  });
});

describe('stale records', () => {
  it('errors about a record with a datetime range key name both keys, the date in ISO form', async () => {
    const day = new Date('2024-02-29T00:00:00Z');
    const a = await Diary.create({ owner: 'ann', day, text: 'one' });
    const b = await Diary.find('ann', day, { consistent: true });
    a.text = 'two';
    await a.saveOrThrow();
    b.text = 'three';
    await expect(b.save()).rejects.toThrow(
      'Diary ["ann","2024-02-29T00:00:00.000Z"] was changed or deleted',
    );
  });
});
