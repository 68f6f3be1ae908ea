import { beforeAll, describe, expect, it } from 'vitest';
import { attr, RecordNotDestroyed, RecordNotSaved, Table } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { log } = useDynamo();
const calls: string[] = [];

class Audited extends Table.schema({
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { name: attr.string(), haltOn: attr.string() },
}) {
  static {
    this.afterInitialize(() => void calls.push('afterInitialize'));
    this.beforeValidation(() => void calls.push('beforeValidation'));
    this.afterValidation(() => void calls.push('afterValidation'));
    this.beforeSave('recordBeforeSave');
    this.aroundSave(async (_r, next) => {
      calls.push('aroundSave:in');
      await next();
      calls.push('aroundSave:out');
    });
    this.afterSave(() => void calls.push('afterSave'));
    this.beforeCreate(async () => {
      await new Promise((r) => setTimeout(r, 1));
      calls.push('beforeCreate');
    });
    this.aroundCreate(async (_r, next) => {
      calls.push('aroundCreate:in');
      await next();
      calls.push('aroundCreate:out');
    });
    this.afterCreate(() => void calls.push('afterCreate'));
    this.beforeUpdate(() => void calls.push('beforeUpdate'));
    this.aroundUpdate(async (_r, next) => {
      calls.push('aroundUpdate:in');
      await next();
      calls.push('aroundUpdate:out');
    });
    this.afterUpdate(() => void calls.push('afterUpdate'));
    this.beforeDestroy(() => void calls.push('beforeDestroy'));
    this.aroundDestroy(async (_r, next) => {
      calls.push('aroundDestroy:in');
      await next();
      calls.push('aroundDestroy:out');
    });
    this.afterDestroy(() => void calls.push('afterDestroy'));
    this.beforeTouch(() => void calls.push('beforeTouch'));
    this.afterTouch(() => void calls.push('afterTouch'));
    this.afterCommit(
      (r) => void calls.push(`afterCommit:${r.isPersisted() ? 'persisted' : 'gone'}`),
    );
    // Halting: returning false from a before-callback stops the chain.
    this.beforeSave((r) => r.haltOn !== 'save');
    this.beforeDestroy((r) => r.haltOn !== 'destroy');
    this.beforeTouch((r) => r.haltOn !== 'touch');
  }

  recordBeforeSave(): void {
    calls.push('beforeSave');
  }
}

beforeAll(async () => {
  await Audited.createTable();
});

describe('callback order', () => {
  it('runs create callbacks in ActiveRecord order, with the write inside the around-callbacks', async () => {
    const record = new Audited({ name: 'a' });
    calls.length = 0;
    log.clear();
    await record.save();
    expect(calls).toEqual([
      'beforeValidation',
      'afterValidation',
      'beforeSave',
      'aroundSave:in',
      'beforeCreate',
      'aroundCreate:in',
      'aroundCreate:out',
      'afterCreate',
      'aroundSave:out',
      'afterSave',
      'afterCommit:persisted',
    ]);
    expect(log.operations).toEqual(['PutItem']);
  });

  it('runs update callbacks in order', async () => {
    const record = await Audited.create({ name: 'a' });
    record.name = 'b';
    calls.length = 0;
    await record.save();
    expect(calls).toEqual([
      'beforeValidation',
      'afterValidation',
      'beforeSave',
      'aroundSave:in',
      'beforeUpdate',
      'aroundUpdate:in',
      'aroundUpdate:out',
      'afterUpdate',
      'aroundSave:out',
      'afterSave',
      'afterCommit:persisted',
    ]);
  });

  it('runs destroy and touch callbacks in order', async () => {
    const record = await Audited.create({ name: 'a' });
    calls.length = 0;
    await record.touch();
    expect(calls).toEqual(['beforeTouch', 'afterTouch']);
    calls.length = 0;
    await record.destroy();
    expect(calls).toEqual([
      'beforeDestroy',
      'aroundDestroy:in',
      'aroundDestroy:out',
      'afterDestroy',
      'afterCommit:gone',
    ]);
  });

  it('runs afterInitialize for new and loaded records', async () => {
    const record = await Audited.create({ name: 'a' });
    calls.length = 0;
    await Audited.find(record.id);
    expect(calls).toEqual(['afterInitialize']);
  });
});

describe('halting', () => {
  it('a before-callback returning false halts save: false, nothing written, no after-callbacks', async () => {
    const record = new Audited({ name: 'a', haltOn: 'save' });
    calls.length = 0;
    log.clear();
    expect(await record.save()).toBe(false);
    expect(log.operations).toEqual([]);
    expect(record.isNewRecord()).toBe(true);
    expect(calls).not.toContain('afterSave');
    expect(calls).not.toContain('afterCommit:persisted');
    await expect(record.saveOrThrow()).rejects.toBeInstanceOf(RecordNotSaved);
  });

  it('halts destroy and touch', async () => {
    const record = await Audited.create({ name: 'a' });
    record.haltOn = 'destroy';
    await record.save();
    log.clear();
    expect(await record.destroy()).toBe(false);
    await expect(record.destroyOrThrow()).rejects.toBeInstanceOf(RecordNotDestroyed);
    expect(log.operations).toEqual([]);
    expect(record.isDestroyed()).toBe(false);
    record.haltOn = 'touch';
    await record.save();
    const lock = record.lockVersion;
    await expect(record.touch()).rejects.toBeInstanceOf(RecordNotSaved);
    expect(record.lockVersion).toBe(lock);
  });

  it('an around-callback that does not call next halts', async () => {
    class Blocked extends Table.schema({
      tableName: 'audits',
      attributes: { name: attr.string() },
    }) {
      static {
        this.aroundSave(() => undefined);
      }
    }
    const record = new Blocked({ name: 'x' });
    log.clear();
    expect(await record.save()).toBe(false);
    expect(log.operations).toEqual([]);
  });

  it('a failing write skips after-callbacks and afterCommit', async () => {
    const existing = await Audited.create({ name: 'a' });
    const clash = new Audited({ id: existing.id, name: 'b' });
    calls.length = 0;
    await expect(clash.save()).rejects.toThrow(/already exists/);
    expect(calls).not.toContain('afterCreate');
    expect(calls).not.toContain('afterSave');
    expect(calls.some((c) => c.startsWith('afterCommit'))).toBe(false);
  });
});
