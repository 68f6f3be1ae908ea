import { GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  attr,
  RecordInvalid,
  StaleObjectError,
  Table,
  transaction,
  ValidationDeclarationError,
} from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { log, client, prefix } = useDynamo();

class User extends Table.schema({
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { email: attr.string(), handle: attr.string(), name: attr.string() },
}) {
  static {
    this.validates('email', { uniqueness: true });
    this.validates('handle', { uniqueness: { message: 'is in use' } });
  }
}

beforeAll(async () => {
  await User.createTable();
});

async function guard(value: string) {
  const out = await client.send(
    new GetItemCommand({
      TableName: `${prefix}users_unique_values`,
      Key: { guard: { S: value } },
      ConsistentRead: true,
    }),
  );
  return out.Item;
}

async function usersWithEmail(email: string): Promise<number> {
  const out = await client.send(
    new ScanCommand({
      TableName: `${prefix}users`,
      FilterExpression: 'email = :e',
      ExpressionAttributeValues: { ':e': { S: email } },
      ConsistentRead: true,
    }),
  );
  return out.Items?.length ?? 0;
}

describe('validates uniqueness', () => {
  it('writes the record and a guard item for the value in one transaction', async () => {
    log.clear();
    const user = await User.createOrThrow({ email: 'one@example.com' });
    expect(log.operations).toEqual(['TransactWriteItems']);
    expect(await guard('email#one@example.com')).toEqual({
      guard: { S: 'email#one@example.com' },
      owner: { S: JSON.stringify({ id: { S: user.id } }) },
    });
  });

  it('a taken value is a validation error: save → false, createOrThrow → RecordInvalid', async () => {
    await User.createOrThrow({ email: 'taken@example.com' });
    const again = await User.create({ email: 'taken@example.com', name: 'second' });
    expect(again.isPersisted()).toBe(false);
    expect(again.isNewRecord()).toBe(true);
    expect(again.id).toBe('');
    expect(again.createdAt).toBeNull();
    expect(again.errors.toJSON()).toEqual({ email: ['has already been taken'] });
    const thrown = await User.createOrThrow({ email: 'taken@example.com' }).catch(
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(RecordInvalid);
    expect((thrown as RecordInvalid).message).toMatch(/Email has already been taken/);
    expect(await usersWithEmail('taken@example.com')).toBe(1);
  });

  it('uses the declared message', async () => {
    await User.createOrThrow({ handle: 'neo' });
    const again = await User.create({ handle: 'neo' });
    expect(again.errors.get('handle')).toEqual(['is in use']);
  });

  it('moves the guard when the value changes, and an unchanged value writes no guard', async () => {
    const user = await User.createOrThrow({ email: 'old@example.com', name: 'a' });
    log.clear();
    await user.update({ name: 'b' });
    expect(log.operations).toEqual(['UpdateItem']);
    await user.updateOrThrow({ email: 'new@example.com' });
    expect(await guard('email#old@example.com')).toBeUndefined();
    expect(await guard('email#new@example.com')).toBeDefined();
    // The old value is free for someone else; the new one is not.
    expect((await User.create({ email: 'old@example.com' })).isPersisted()).toBe(true);
    expect((await User.create({ email: 'new@example.com' })).errors.get('email')).toEqual([
      'has already been taken',
    ]);
  });

  it('a failed move leaves the record, its lock value and both guards as they were', async () => {
    await User.createOrThrow({ email: 'holder@example.com' });
    const user = await User.createOrThrow({ email: 'mover@example.com' });
    expect(await user.update({ email: 'holder@example.com' })).toBe(false);
    expect(user.lockVersion).toBe(0);
    expect(user.changes()).toEqual({ email: ['mover@example.com', 'holder@example.com'] });
    expect((await User.find(user.id)).email).toBe('mover@example.com');
    expect((await guard('email#mover@example.com'))?.owner).toEqual({
      S: JSON.stringify({ id: { S: user.id } }),
    });
  });

  it('a stale update is still a StaleObjectError, and moves no guard', async () => {
    const user = await User.createOrThrow({ email: 'stale@example.com' });
    const other = await User.find(user.id);
    await other.updateOrThrow({ name: 'first' });
    await expect(user.update({ email: 'fresh@example.com' })).rejects.toBeInstanceOf(
      StaleObjectError,
    );
    expect(await guard('email#fresh@example.com')).toBeUndefined();
    expect(await guard('email#stale@example.com')).toBeDefined();
  });

  it('destroy and delete free the value', async () => {
    const a = await User.createOrThrow({ email: 'gone@example.com' });
    await a.destroyOrThrow();
    expect(await guard('email#gone@example.com')).toBeUndefined();
    const b = await User.createOrThrow({ email: 'gone@example.com' });
    await b.delete();
    expect(await guard('email#gone@example.com')).toBeUndefined();
    expect((await User.create({ email: 'gone@example.com' })).isPersisted()).toBe(true);
  });

  it('Model.delete(id) frees the values of the item it removed', async () => {
    const user = await User.createOrThrow({ email: 'by-key@example.com', handle: 'bykey' });
    expect(await User.delete(user.id)).toBe(true);
    expect(await guard('email#by-key@example.com')).toBeUndefined();
    expect(await guard('handle#bykey')).toBeUndefined();
    expect(
      (await User.create({ email: 'by-key@example.com', handle: 'bykey' })).isPersisted(),
    ).toBe(true);
  });

  it('blank values own no guard: any number of records may leave them empty', async () => {
    log.clear();
    const a = await User.createOrThrow({ name: 'no email' });
    const b = await User.createOrThrow({ name: 'no email either' });
    expect(log.operations).toEqual(['PutItem', 'PutItem']);
    expect(a.isPersisted() && b.isPersisted()).toBe(true);
  });

  it('8 concurrent creates with one email: exactly one stored, the others have errors.email', async () => {
    const users = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        User.create({ email: 'race@example.com', name: `n${i}` }),
      ),
    );
    expect(users.filter((u) => u.isPersisted())).toHaveLength(1);
    const losers = users.filter((u) => !u.isPersisted());
    expect(losers).toHaveLength(7);
    for (const loser of losers)
      expect(loser.errors.get('email')).toEqual(['has already been taken']);
    expect(await usersWithEmail('race@example.com')).toBe(1);
  });

  it('inside transaction(): a taken value throws RecordInvalid at the commit and restores every record', async () => {
    await User.createOrThrow({ email: 'tx-taken@example.com' });
    const fresh = new User({ email: 'tx-free@example.com' });
    const clash = new User({ email: 'tx-taken@example.com' });
    const thrown = await transaction(async () => {
      await fresh.saveOrThrow();
      await clash.saveOrThrow();
    }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(RecordInvalid);
    expect((thrown as RecordInvalid).record).toBe(clash);
    expect(clash.errors.get('email')).toEqual(['has already been taken']);
    expect(fresh.isNewRecord() && clash.isNewRecord()).toBe(true);
    expect(await guard('email#tx-free@example.com')).toBeUndefined();
    expect(await usersWithEmail('tx-free@example.com')).toBe(0);
  });

  it('deleteAll() removes the guards with the items', async () => {
    await User.createOrThrow({ email: 'all@example.com' });
    await User.deleteAll();
    expect(await guard('email#all@example.com')).toBeUndefined();
    expect(await guard('email#one@example.com')).toBeUndefined();
    expect((await User.create({ email: 'all@example.com' })).isPersisted()).toBe(true);
  });

  it('rejects declarations that cannot work', () => {
    expect(() => {
      class Bad extends Table.schema({ attributes: { email: attr.string() } }) {
        static {
          this.validates('id', { uniqueness: true });
        }
      }
      return Bad;
    }).toThrow(ValidationDeclarationError);
    expect(() => {
      class Bad extends Table.schema({ attributes: { email: attr.string() } }) {
        static {
          this.validates('email', { uniqueness: true, on: 'create' });
        }
      }
      return Bad;
    }).toThrow(/uniqueness\.on cannot apply/);
    expect(() => {
      class Bad extends Table.schema({ attributes: { tags: attr.stringSet() } }) {
        static {
          this.validates('tags', { uniqueness: true });
        }
      }
      return Bad;
    }).toThrow(/string, integer, float or datetime/);
  });
});
