import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  attr,
  ReadOnlyRecord,
  RecordInvalid,
  RecordNotFound,
  RecordNotUnique,
  StaleObjectError,
  Table,
} from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { log, client, prefix } = useDynamo();

class Job extends Table.schema({
  hashKey: 'guid',
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: {
    name: attr.string(),
    status: attr.string({ default: 'queued' }),
    size: attr.integer(),
    data: attr.json<{ steps: string[] }>(),
    tags: attr.stringSet(),
  },
}) {
  static {
    this.validates('name', { presence: true });
  }
}

class Note extends Table.schema({
  locking: false,
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { a: attr.string(), b: attr.string() },
}) {}

beforeAll(async () => {
  await Promise.all([Job.createTable(), Note.createTable()]);
});

async function rawItem(table: string, key: Record<string, string>) {
  const out = await client.send(
    new GetItemCommand({
      TableName: `${prefix}${table}`,
      Key: Object.fromEntries(Object.entries(key).map(([k, v]) => [k, { S: v }])),
      ConsistentRead: true,
    }),
  );
  return out.Item;
}

describe('create', () => {
  it('assigns a UUID key, both timestamps and lock 0, in one PutItem', async () => {
    log.clear();
    const job = await Job.create({ name: 'import' });
    expect(log.operations).toEqual(['PutItem']);
    expect(job.isPersisted()).toBe(true);
    expect(job.isNewRecord()).toBe(false);
    expect(job.guid).toMatch(/^[0-9a-f-]{36}$/);
    expect(job.createdAt).toBeInstanceOf(Date);
    expect(job.updatedAt?.getTime()).toBe(job.createdAt?.getTime());
    expect(job.lockVersion).toBe(0);
    const item = await rawItem('jobs', { guid: job.guid });
    expect(item?.name).toEqual({ S: 'import' });
    expect(item?.lockVersion).toEqual({ N: '0' });
    expect(item?.createdAt).toEqual({ N: String(job.createdAt?.getTime()) });
  });

  it('never overwrites: a key collision throws RecordNotUnique and leaves the item untouched', async () => {
    const first = await Job.create({ name: 'first' });
    const second = new Job({ guid: first.guid, name: 'second' });
    await expect(second.save()).rejects.toBeInstanceOf(RecordNotUnique);
    await expect(Job.create({ guid: first.guid, name: 'third' })).rejects.toThrow(/already exists/);
    await expect(Job.createOrThrow({ guid: first.guid, name: 'third' })).rejects.toBeInstanceOf(
      RecordNotUnique,
    );
    expect(second.isNewRecord()).toBe(true);
    expect(second.createdAt).toBeNull();
    expect(second.lockVersion).toBe(0);
    expect((await rawItem('jobs', { guid: first.guid }))?.name).toEqual({ S: 'first' });
  });

  it('returns false and stores nothing when invalid; createOrThrow throws RecordInvalid with the record', async () => {
    log.clear();
    const job = await Job.create({ name: '' });
    expect(job.isPersisted()).toBe(false);
    expect(job.errors.toJSON()).toEqual({ name: ["can't be blank"] });
    expect(log.operations).toEqual([]);
    const error = await Job.createOrThrow({ name: ' ' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordInvalid);
    expect((error as RecordInvalid).record).toBeInstanceOf(Job);
    expect((error as Error).message).toContain("Name can't be blank");
  });

  it('save({ validate: false }) skips validation', async () => {
    const job = new Job();
    expect(await job.save({ validate: false })).toBe(true);
    expect(job.isPersisted()).toBe(true);
  });
});

describe('update', () => {
  it('writes only the changed attributes with the lock condition, bumping lock and timestamp, in one request', async () => {
    const job = await Job.create({ name: 'a', size: 1 });
    const before = job.updatedAt?.getTime() ?? 0;
    await new Promise((r) => setTimeout(r, 5));
    log.clear();
    job.size = 2;
    expect(await job.save()).toBe(true);
    expect(log.operations).toEqual(['UpdateItem']);
    const input = log.inputs[0] as {
      UpdateExpression: string;
      ExpressionAttributeNames: Record<string, string>;
      ConditionExpression: string;
    };
    const names = Object.values(input.ExpressionAttributeNames);
    expect(names).toContain('size');
    expect(names).not.toContain('name');
    expect(input.ConditionExpression).toContain(
      Object.keys(input.ExpressionAttributeNames).find(
        (k) => input.ExpressionAttributeNames[k] === 'lockVersion',
      ),
    );
    expect(job.lockVersion).toBe(1);
    expect(job.updatedAt?.getTime()).toBeGreaterThan(before);
    expect(job.isChanged()).toBe(false);
    const stored = await rawItem('jobs', { guid: job.guid });
    expect(stored?.size).toEqual({ N: '2' });
    expect(stored?.lockVersion).toEqual({ N: '1' });
  });

  it('a save with nothing changed still bumps timestamp and lock', async () => {
    const job = await Job.create({ name: 'a' });
    await job.save();
    await job.save();
    expect(job.lockVersion).toBe(2);
    expect((await Job.find(job.guid, { consistent: true })).lockVersion).toBe(2);
  });

  it('REMOVEs attributes set to empty values and stores them absent', async () => {
    const job = await Job.create({ name: 'a', size: 3, tags: ['x'] });
    job.size = null;
    job.tags = [];
    await job.save();
    const stored = await rawItem('jobs', { guid: job.guid });
    expect(stored).not.toHaveProperty('size');
    expect(stored).not.toHaveProperty('tags');
    const reread = await Job.find(job.guid, { consistent: true });
    expect(reread.size).toBeNull();
    expect(reread.tags).toEqual([]);
  });

  it('uses placeholders, so reserved words as attribute names are safe', async () => {
    const job = await Job.create({
      name: 'reserved',
      status: 'running',
      size: 9,
      data: { steps: ['a'] },
    });
    job.status = 'done';
    job.size = 10;
    job.data = { steps: ['a', 'b'] };
    await job.save();
    const reread = await Job.find(job.guid, { consistent: true });
    expect([reread.status, reread.size, reread.data]).toEqual(['done', 10, { steps: ['a', 'b'] }]);
  });

  it('notices arrays and objects changed in place', async () => {
    const job = await Job.create({ name: 'a', data: { steps: [] } });
    job.data?.steps.push('one');
    expect(job.isChanged('data')).toBe(true);
    await job.save();
    expect((await Job.find(job.guid, { consistent: true })).data).toEqual({ steps: ['one'] });
  });

  it('update/updateOrThrow assign and save', async () => {
    const job = await Job.create({ name: 'a' });
    expect(await job.update({ size: '7' })).toBe(true);
    expect(job.size).toBe(7);
    expect(await job.updateAttributes({ name: '' })).toBe(false);
    await expect(job.updateOrThrow({ name: '' })).rejects.toBeInstanceOf(RecordInvalid);
    await job.updateAttributesOrThrow({ name: 'b' });
    expect((await Job.find(job.guid, { consistent: true })).name).toBe('b');
  });

  it('an out-of-band change to another attribute survives a save on a model without locking', async () => {
    const note = await Note.create({ a: 'a1', b: 'b1' });
    await client.send(
      new UpdateItemCommand({
        TableName: `${prefix}notes`,
        Key: { id: { S: note.id } },
        UpdateExpression: 'SET a = :a',
        ExpressionAttributeValues: { ':a': { S: 'changed elsewhere' } },
      }),
    );
    note.b = 'b2';
    await note.save();
    const reread = await Note.find(note.id, { consistent: true });
    expect(reread.a).toBe('changed elsewhere');
    expect(reread.b).toBe('b2');
  });
});

describe('optimistic locking', () => {
  it('a second instance of one record cannot save, destroy or touch, and is left unchanged', async () => {
    const job = await Job.create({ name: 'locked' });
    const first = await Job.find(job.guid, { consistent: true });
    const second = await Job.find(job.guid, { consistent: true });
    first.name = 'first wins';
    await first.save();

    second.name = 'second loses';
    const before = {
      attributes: second.attributes,
      changes: second.changes(),
      lock: second.lockVersion,
    };
    const error = await second.save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleObjectError);
    expect((error as StaleObjectError).action).toBe('update');
    expect((error as StaleObjectError).record).toBe(second);
    expect((error as StaleObjectError).message).toContain(job.guid);
    expect((error as Error).cause).toBeDefined();
    expect(second.attributes).toEqual(before.attributes);
    expect(second.changes()).toEqual(before.changes);
    expect(second.lockVersion).toBe(before.lock);

    await expect(second.touch()).rejects.toBeInstanceOf(StaleObjectError);
    expect(second.attributes).toEqual(before.attributes);
    const destroyError = await second.destroy().catch((e: unknown) => e);
    expect(destroyError).toBeInstanceOf(StaleObjectError);
    expect((destroyError as StaleObjectError).action).toBe('destroy');
    expect(second.isDestroyed()).toBe(false);
    expect((await Job.find(job.guid, { consistent: true })).name).toBe('first wins');
  });

  it('honours a lock value assigned by the application (If-Match)', async () => {
    const job = await Job.create({ name: 'v0' });
    await job.update({ name: 'v1' });
    const copy = await Job.find(job.guid, { consistent: true });
    copy.lockVersion = 0; // a client sent back an old version
    copy.name = 'from an old form';
    await expect(copy.save()).rejects.toBeInstanceOf(StaleObjectError);
    expect(copy.lockVersion).toBe(0);
    copy.lockVersion = 1;
    expect(await copy.save()).toBe(true);
    expect(copy.lockVersion).toBe(2);
  });

  it('an update of a deleted item throws StaleObjectError instead of recreating it', async () => {
    const job = await Job.create({ name: 'gone' });
    await Job.create({ name: 'other' });
    const copy = await Job.find(job.guid, { consistent: true });
    await job.delete();
    copy.name = 'zombie';
    await expect(copy.save()).rejects.toBeInstanceOf(StaleObjectError);
    expect(await Job.findByKey(job.guid, { consistent: true })).toBeNull();
  });
});

describe('destroy, delete, touch, reload', () => {
  it('destroy removes the item in one request and freezes the instance', async () => {
    const job = await Job.create({ name: 'bye' });
    log.clear();
    expect(await job.destroy()).toBe(true);
    expect(log.operations).toEqual(['DeleteItem']);
    expect(job.isDestroyed()).toBe(true);
    expect(job.isPersisted()).toBe(false);
    expect(() => {
      job.name = 'again';
    }).toThrow(ReadOnlyRecord);
    expect(await Job.findByKey(job.guid, { consistent: true })).toBeNull();
  });

  it('destroying a new record does not call DynamoDB', async () => {
    const job = new Job({ name: 'never saved' });
    log.clear();
    expect(await job.destroy()).toBe(true);
    expect(log.operations).toEqual([]);
    expect(job.isDestroyed()).toBe(true);
  });

  it('delete removes without callbacks or lock check, and freezes', async () => {
    const job = await Job.create({ name: 'x' });
    const stale = await Job.find(job.guid, { consistent: true });
    await job.save();
    log.clear();
    await stale.delete();
    expect(log.operations).toEqual(['DeleteItem']);
    expect(() => stale.writeAttribute('name', 'y')).toThrow(ReadOnlyRecord);
    expect(await Job.findByKey(job.guid, { consistent: true })).toBeNull();
  });

  it('touch sets updatedAt under the lock in one request, leaving other changes unsaved', async () => {
    const job = await Job.create({ name: 'touchy' });
    const before = job.updatedAt?.getTime() ?? 0;
    await new Promise((r) => setTimeout(r, 5));
    job.name = 'unsaved';
    log.clear();
    expect(await job.touch()).toBe(job);
    expect(log.operations).toEqual(['UpdateItem']);
    expect(job.updatedAt?.getTime()).toBeGreaterThan(before);
    expect(job.lockVersion).toBe(1);
    expect(job.isChanged('name')).toBe(true);
    expect((await Job.find(job.guid, { consistent: true })).name).toBe('touchy');
  });

  it('reload rereads the item in one request and drops unsaved changes', async () => {
    const job = await Job.create({ name: 'orig' });
    const copy = await Job.find(job.guid);
    await job.update({ name: 'newer' });
    copy.size = 5;
    log.clear();
    expect(await copy.reload()).toBe(copy);
    expect(log.operations).toEqual(['GetItem']);
    expect((log.inputs[0] as { ConsistentRead: boolean }).ConsistentRead).toBe(true);
    expect(copy.name).toBe('newer');
    expect(copy.size).toBeNull();
    expect(copy.isChanged()).toBe(false);
    await job.destroy();
    await expect(copy.reload()).rejects.toBeInstanceOf(RecordNotFound);
  });

  it('find and findByKey take one GetItem; find throws RecordNotFound naming model and key', async () => {
    const job = await Job.create({ name: 'findme' });
    log.clear();
    expect((await Job.find(job.guid)).name).toBe('findme');
    expect(await Job.findByKey('missing-key')).toBeNull();
    expect(await Job.findById('missing-key')).toBeNull();
    expect(log.operations).toEqual(['GetItem', 'GetItem', 'GetItem']);
    const error = await Job.find('missing-key').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordNotFound);
    expect((error as Error).message).toContain('Job');
    expect((error as Error).message).toContain('missing-key');
  });
});

describe('identity', () => {
  it('toKey is null unless persisted; equals compares class and keys', async () => {
    const job = new Job({ name: 'k' });
    expect(job.toKey()).toBeNull();
    expect(job.equals(job)).toBe(true);
    expect(job.equals(new Job({ name: 'k' }))).toBe(false);
    await job.save();
    expect(job.toKey()).toEqual([job.guid]);
    const copy = await Job.find(job.guid);
    expect(copy.equals(job)).toBe(true);
    expect(copy.equals(await Job.create({ name: 'other' }))).toBe(false);
    expect(job.id).toBe(job.guid);
  });

  it('toJSON gives the attributes, dates as ISO strings through JSON.stringify', async () => {
    const job = await Job.create({ name: 'json', tags: ['b', 'a'] });
    const json = JSON.parse(JSON.stringify(job)) as Record<string, unknown>;
    expect(json.name).toBe('json');
    expect(json.createdAt).toBe(job.createdAt?.toISOString());
    expect(json.tags).toEqual(['b', 'a']);
    expect(Object.keys(json)).toEqual(Object.keys(Job.fields));
  });
});
