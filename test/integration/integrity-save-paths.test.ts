/**
 * A save runs its write alone when the model has no callbacks (and validates without waiting
 * when it has no rules), or inside the callback chain otherwise. Both ways, against DynamoDB
 * Local: a stale copy, concurrent writers, an answer lost after DynamoDB applied the write,
 * and a request that never arrived leave nothing lost or half-written, and the instance as it
 * was before a failed write.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { attr, StaleObjectError, Table } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';
import { injectWriteFaults, type Fault, type WriteFaults } from '../support/write-faults.js';

const { client } = useDynamo();

const calls: string[] = [];

class Plain extends Table.schema({ attributes: { name: attr.string() } }) {}

class Hooked extends Table.schema({ attributes: { name: attr.string() } }) {
  static {
    this.validates('name', { presence: true });
    this.beforeSave(() => void calls.push('beforeSave'));
    this.afterSave(() => void calls.push('afterSave'));
    this.afterCreate(() => void calls.push('afterCreate'));
    this.afterUpdate(() => void calls.push('afterUpdate'));
    this.afterDestroy(() => void calls.push('afterDestroy'));
    this.afterCommit(() => void calls.push('afterCommit'));
  }
}

beforeAll(async () => {
  await Plain.createTable();
  await Hooked.createTable();
});

let faults: WriteFaults | undefined;
afterEach(() => {
  faults?.remove();
  faults = undefined;
});

function inject(operation: string, fault: Fault): WriteFaults {
  faults = injectWriteFaults(client, (op, n) => (op === operation && n === 1 ? fault : undefined));
  return faults;
}

describe.each([
  ['without callbacks or validations (the write alone)', Plain, false],
  ['with validations and callbacks (the callback chain)', Hooked, true],
] as const)('a save %s', (_kind, Model, hooked) => {
  const stored = async (id: string) => {
    const record = await Model.findByKey(id, undefined, { consistent: true });
    return record && { name: record.name, lockVersion: record.lockVersion };
  };

  it('of a stale copy fails: the other writer’s values stay, the copy is as before', async () => {
    const created = await Model.createOrThrow({ name: 'first' });
    const mine = await Model.find(created.id);
    const theirs = await Model.find(created.id);
    await theirs.updateOrThrow({ name: 'theirs' });
    const updatedAt = mine.updatedAt!.getTime();
    calls.length = 0;
    const error = await mine.updateOrThrow({ name: 'mine' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleObjectError);
    expect(await stored(created.id)).toEqual({ name: 'theirs', lockVersion: 1 });
    expect(mine.lockVersion).toBe(0);
    expect(mine.updatedAt!.getTime()).toBe(updatedAt);
    expect(mine.name).toBe('mine');
    expect(mine.isChanged('name')).toBe(true);
    expect(calls).toEqual(hooked ? ['beforeSave'] : []);
  });

  it('by eight concurrent writers of one version: exactly one applies, none is half-written', async () => {
    const created = await Model.createOrThrow({ name: 'start' });
    const copies = await Promise.all(Array.from({ length: 8 }, () => Model.find(created.id)));
    const results = await Promise.allSettled(
      copies.map((copy, i) => copy.updateOrThrow({ name: `writer ${i}` })),
    );
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(won).toHaveLength(1);
    for (const result of results)
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(StaleObjectError);
    expect(await stored(created.id)).toEqual({ name: `writer ${won[0]}`, lockVersion: 1 });
    expect(copies[won[0]!]!.lockVersion).toBe(1);
    expect(copies.filter((copy) => copy.lockVersion === 0)).toHaveLength(7);
  });

  it('whose answer is lost after DynamoDB applied it is resent, recognised, and applied once', async () => {
    const record = await Model.createOrThrow({ name: 'before' });
    inject('UpdateItem', 'reset');
    calls.length = 0;
    await record.updateOrThrow({ name: 'after' });
    expect(faults!.injected).toEqual(['UpdateItem:reset']);
    expect(await stored(record.id)).toEqual({ name: 'after', lockVersion: 1 });
    expect(record.lockVersion).toBe(1);
    expect(record.isChanged()).toBe(false);
    expect(calls).toEqual(hooked ? ['beforeSave', 'afterUpdate', 'afterSave', 'afterCommit'] : []);
  });

  it('that creates, with its answer lost, stores one item and runs its callbacks once', async () => {
    inject('PutItem', 'reset');
    calls.length = 0;
    const record = await Model.createOrThrow({ name: 'created' });
    expect(faults!.injected).toEqual(['PutItem:reset']);
    expect(record.isNewRecord()).toBe(false);
    expect(await stored(record.id)).toEqual({ name: 'created', lockVersion: 0 });
    expect(calls).toEqual(hooked ? ['beforeSave', 'afterCreate', 'afterSave', 'afterCommit'] : []);
  });

  it('whose request never arrived changes nothing, and saving again applies it once', async () => {
    const record = await Model.createOrThrow({ name: 'kept' });
    const updatedAt = record.updatedAt!.getTime();
    inject('UpdateItem', 'fail');
    const error = await record.updateOrThrow({ name: 'lost' }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/injected failure of UpdateItem/);
    expect(await stored(record.id)).toEqual({ name: 'kept', lockVersion: 0 });
    expect(record.lockVersion).toBe(0);
    expect(record.updatedAt!.getTime()).toBe(updatedAt);
    faults!.remove();
    await record.saveOrThrow();
    expect(await stored(record.id)).toEqual({ name: 'lost', lockVersion: 1 });
  });

  it('then a destroy whose answer is lost is recognised: the item is gone, once', async () => {
    const record = await Model.createOrThrow({ name: 'doomed' });
    inject('DeleteItem', 'reset');
    calls.length = 0;
    await record.destroyOrThrow();
    expect(faults!.injected).toEqual(['DeleteItem:reset']);
    expect(await stored(record.id)).toBeNull();
    expect(record.isDestroyed()).toBe(true);
    expect(calls).toEqual(hooked ? ['afterDestroy', 'afterCommit'] : []);
  });
});
