/**
 * Writes whose answer is lost after DynamoDB applied them (a reset connection, injected after
 * the real DynamoDB Local answered) are applied exactly once: the SDK's own resend and the
 * library's are recognised, an increment is never resent, and what cannot be known throws
 * WriteOutcomeUnknown with the instance ready to repeat the same write.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  attr,
  configure,
  ConnectionNotEstablished,
  StaleObjectError,
  Table,
  transaction,
  WriteOutcomeUnknown,
} from '../../src/index.js';
import { localClient, useDynamo } from '../support/dynamo.js';
import { guardProblems } from '../support/guard-table.js';
import { injectWriteFaults, type Fault, type WriteFaults } from '../support/write-faults.js';

const { client, prefix } = useDynamo();

class Gauge extends Table.schema({
  attributes: { name: attr.string(), hits: attr.integer({ default: 0 }) },
}) {}
class Member extends Table.schema({ attributes: { email: attr.string() } }) {
  static {
    this.validates('email', { uniqueness: true });
  }
}

beforeAll(async () => {
  await Gauge.createTable();
  await Member.createTable();
});

let faults: WriteFaults | undefined;
afterEach(() => faults?.remove());

/** Resets the answer of the given numbers of `operation`'s requests (or attempts). */
function reset(operation: string, numbers: number[], where: 'attempt' | 'call'): WriteFaults {
  faults = injectWriteFaults(
    client,
    (op, n): Fault => (op === operation && numbers.includes(n) ? 'reset' : undefined),
    where,
  );
  return faults;
}

const stored = (id: string) => Gauge.findByKey(id, undefined, { consistent: true });

describe('the SDK resends after a lost answer (inside its retry loop)', () => {
  it('a create that applied is not reported as RecordNotUnique', async () => {
    const gauge = new Gauge({ name: 'c' });
    const injected = reset('PutItem', [1], 'attempt');
    expect(await gauge.save()).toBe(true);
    expect(injected.injected).toEqual(['PutItem:reset']);
    expect(gauge.isPersisted()).toBe(true);
    expect((await stored(gauge.id))?.name).toBe('c');
    expect(await Gauge.count()).toBeGreaterThanOrEqual(1);
  });

  it('an update that applied is not a StaleObjectError, and the lock moved once', async () => {
    const gauge = await Gauge.createOrThrow({ name: 'u' });
    reset('UpdateItem', [1], 'attempt');
    await gauge.updateOrThrow({ name: 'u2' });
    expect(gauge.lockVersion).toBe(1);
    const item = await stored(gauge.id);
    expect(item?.name).toBe('u2');
    expect(item?.lockVersion).toBe(1);
  });

  it('a destroy that applied succeeds', async () => {
    const gauge = await Gauge.createOrThrow({ name: 'd' });
    reset('DeleteItem', [1], 'attempt');
    expect(await gauge.destroy()).toBe(true);
    expect(await stored(gauge.id)).toBeNull();
  });

  it('withOptimisticRetry does not run an applied change again', async () => {
    const gauge = await Gauge.createOrThrow({ name: 'w' });
    let runs = 0;
    reset('UpdateItem', [1], 'attempt');
    await Gauge.withOptimisticRetry(gauge.id, (g) => {
      runs += 1;
      g.hits = (g.hits ?? 0) + 1;
    });
    expect(runs).toBe(1);
    const item = await stored(gauge.id);
    expect(item?.hits).toBe(1);
    expect(item?.lockVersion).toBe(1);
  });

  it('a unique create (a transaction) is resent with its token and applies once', async () => {
    reset('TransactWriteItems', [1], 'attempt');
    const member = await Member.createOrThrow({ email: 'once@x' });
    expect(member.isPersisted()).toBe(true);
    expect(await guardProblems(client, Member, ['email'])).toEqual([]);
  });

  it('an increment is not resent: WriteOutcomeUnknown, and the counter moved exactly once', async () => {
    const gauge = await Gauge.createOrThrow({ name: 'i' });
    const injected = reset('UpdateItem', [1, 2, 3], 'attempt');
    const error = await gauge.increment('hits').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteOutcomeUnknown);
    expect((error as WriteOutcomeUnknown).record).toBe(gauge);
    expect((error as Error).cause).toBeDefined();
    expect(injected.injected).toEqual(['UpdateItem:reset']);
    expect(gauge.hits).toBe(0);
    expect((await stored(gauge.id))?.hits).toBe(1);
  });
});

describe('the library sees the lost answer (after the SDK’s retries)', () => {
  it('resends a create and recognises it', async () => {
    const gauge = new Gauge({ name: 'lc' });
    reset('PutItem', [1], 'call');
    await gauge.saveOrThrow();
    expect((await stored(gauge.id))?.name).toBe('lc');
  });

  it('resends an update and a destroy and recognises them', async () => {
    const gauge = await Gauge.createOrThrow({ name: 'lu' });
    reset('UpdateItem', [1], 'call');
    await gauge.updateOrThrow({ name: 'lu2' });
    expect((await stored(gauge.id))?.lockVersion).toBe(1);
    faults?.remove();
    reset('DeleteItem', [1], 'call');
    await gauge.destroyOrThrow();
    expect(await stored(gauge.id)).toBeNull();
  });

  it('a stale update after a lost answer is WriteOutcomeUnknown, not StaleObjectError', async () => {
    const gauge = await Gauge.createOrThrow({ name: 'su' });
    const other = await Gauge.find(gauge.id);
    await other.updateOrThrow({ name: 'other' });
    // The first request never applies (stale) but its answer is lost; the resend fails too.
    reset('UpdateItem', [1], 'call');
    const error = await gauge.updateOrThrow({ name: 'mine' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteOutcomeUnknown);
    expect(error).not.toBeInstanceOf(StaleObjectError);
    expect(gauge.lockVersion).toBe(0);
    expect((await stored(gauge.id))?.name).toBe('other');
  });

  it('when still unknown, keeps the generated key: saving again is the same write', async () => {
    const gauge = new Gauge({ name: 'unknown' });
    const injected = reset('PutItem', [1, 2], 'call');
    const error = await gauge.save().catch((e: unknown) => e);
    expect(injected.injected).toEqual(['PutItem:reset', 'PutItem:reset']);
    expect(error).toBeInstanceOf(WriteOutcomeUnknown);
    expect((error as WriteOutcomeUnknown).record).toBe(gauge);
    expect((error as Error).message).toMatch(/create of Gauge .* may or may not have been applied/);
    const id = gauge.id;
    expect(id).not.toBe('');
    expect(gauge.isNewRecord()).toBe(true);
    faults?.remove();
    expect(await gauge.save()).toBe(true);
    expect(gauge.id).toBe(id);
    expect(gauge.isPersisted()).toBe(true);
    expect((await stored(id))?.name).toBe('unknown');
  });

  it('a unique create still unknown is recognised when saved again', async () => {
    const member = new Member({ email: 'twice@x' });
    reset('TransactWriteItems', [1, 2], 'call');
    await expect(member.save()).rejects.toBeInstanceOf(WriteOutcomeUnknown);
    faults?.remove();
    expect(await member.save()).toBe(true);
    expect(await guardProblems(client, Member, ['email'])).toEqual([]);
  });

  it('a destroy still unknown succeeds when destroyed again', async () => {
    const gauge = await Gauge.createOrThrow({ name: 'gone' });
    reset('DeleteItem', [1, 2], 'call');
    await expect(gauge.destroy()).rejects.toBeInstanceOf(WriteOutcomeUnknown);
    expect(gauge.isDestroyed()).toBe(false);
    faults?.remove();
    expect(await gauge.destroy()).toBe(true);
  });

  it('an increment after the call is WriteOutcomeUnknown, applied once', async () => {
    const gauge = await Gauge.createOrThrow({ name: 'li' });
    reset('UpdateItem', [1], 'call');
    await expect(gauge.increment('hits', 5)).rejects.toBeInstanceOf(WriteOutcomeUnknown);
    expect((await stored(gauge.id))?.hits).toBe(5);
  });

  it('inside transaction(), still unknown: generated keys are kept, running it again is the same write', async () => {
    const gauge = new Gauge({ name: 'in a block' });
    const member = new Member({ email: 'block@x' });
    const injected = reset('TransactWriteItems', [1, 2], 'call');
    const block = () =>
      transaction(async () => {
        await gauge.saveOrThrow();
        await member.saveOrThrow();
      });
    const error = await block().catch((e: unknown) => e);
    expect(injected.injected).toEqual(['TransactWriteItems:reset', 'TransactWriteItems:reset']);
    expect(error).toBeInstanceOf(WriteOutcomeUnknown);
    const ids = [gauge.id, member.id];
    expect(ids).not.toContain('');
    expect(gauge.isNewRecord()).toBe(true);
    faults?.remove();
    await block();
    expect([gauge.id, member.id]).toEqual(ids);
    expect(gauge.isPersisted() && member.isPersisted()).toBe(true);
    expect((await stored(gauge.id))?.name).toBe('in a block');
    expect(await Member.scan().where({ email: 'block@x' }).count()).toBe(1);
    expect(await guardProblems(client, Member, ['email'])).toEqual([]);
  });

  it('a request that never left is still ConnectionNotEstablished', async () => {
    const gauge = new Gauge({ name: 'refused' });
    faults = injectWriteFaults(client, (op) => (op === 'PutItem' ? ('fail' as Fault) : undefined));
    const error = await gauge.save().catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(WriteOutcomeUnknown);
    expect(gauge.id).toBe('');
    void ConnectionNotEstablished;
  });
});

describe('what the client keeps of it', () => {
  it('adds no middleware to the client: reads and first-attempt writes pay nothing for it', async () => {
    const before = client.middlewareStack.identify();
    const gauge = await Gauge.createOrThrow({ name: 'plain' });
    await gauge.updateOrThrow({ name: 'plain2' });
    await gauge.increment('hits');
    await Gauge.find(gauge.id);
    await Member.createOrThrow({ email: 'plain@x' });
    await gauge.destroyOrThrow();
    expect(client.middlewareStack.identify()).toEqual(before);
  });

  it('an increment is not resent even by a client that caches its middleware', async () => {
    const cached = localClient(undefined, { cacheMiddleware: true });
    configure({ client: cached, tableNamePrefix: prefix });
    try {
      const gauge = await Gauge.createOrThrow({ name: 'cached' });
      // An UpdateItem first, so that the SDK caches the handler of UpdateItem commands.
      await gauge.updateOrThrow({ name: 'cached2' });
      faults = injectWriteFaults(
        cached,
        (op, n): Fault => (op === 'UpdateItem' && n === 1 ? 'reset' : undefined),
        'attempt',
      );
      const error = await gauge.increment('hits').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WriteOutcomeUnknown);
      expect(faults.injected).toEqual(['UpdateItem:reset']);
      expect((await stored(gauge.id))?.hits).toBe(1);
      // A locked update resent by that client after a lost answer is recognised as applied.
      faults.remove();
      await gauge.reload();
      faults = injectWriteFaults(
        cached,
        (op, n): Fault => (op === 'UpdateItem' && n === 1 ? 'reset' : undefined),
        'attempt',
      );
      await gauge.updateOrThrow({ name: 'cached3' });
      expect(faults.injected).toEqual(['UpdateItem:reset']);
      const item = await stored(gauge.id);
      expect([item?.name, item?.lockVersion]).toEqual(['cached3', gauge.lockVersion]);
    } finally {
      configure({ client, tableNamePrefix: prefix });
    }
  });

  it('a condition failure after a throttled attempt is WriteOutcomeUnknown: the SDK does not say why it resent', async () => {
    const gauge = await Gauge.createOrThrow({ name: 'thr' });
    const other = await Gauge.find(gauge.id);
    await other.updateOrThrow({ name: 'other' });
    faults = injectWriteFaults(
      client,
      (op, n): Fault => (op === 'UpdateItem' && n === 1 ? 'throttle' : undefined),
      'attempt',
    );
    const error = await gauge.updateOrThrow({ name: 'mine' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteOutcomeUnknown);
    expect(faults.injected).toEqual(['UpdateItem:throttle']);
    expect((await stored(gauge.id))?.name).toBe('other');
    // Saving again after a reload is an ordinary write.
    await gauge.reload();
    await gauge.updateOrThrow({ name: 'mine' });
    expect((await stored(gauge.id))?.name).toBe('mine');
  });
});
