/**
 * Conditional writes: `save({ if })`, `update(attrs, { if })`, `destroy({ if })` and their
 * OrThrow twins, ANDed with the lock; ConditionNotMet told apart from StaleObjectError by the
 * item DynamoDB returns, and the instance left as it was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  attr,
  ConditionNotMet,
  RecordNotUnique,
  StaleObjectError,
  Table,
  transaction,
  type HasMany,
} from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { log } = useDynamo();

class Ticket extends Table.schema({
  hashKey: 'guid',
  attributes: { status: attr.string(), attempts: attr.integer({ default: 0 }) },
}) {}

class Queue extends Table.schema({ attributes: { state: attr.string() } }) {
  static {
    this.hasMany('jobs', () => Job, { dependent: 'destroy' });
  }
  declare readonly jobs: HasMany<Job>;
}

class Job extends Table.schema({ hashKey: 'guid', attributes: { name: attr.string() } }) {
  static {
    this.belongsTo('queue', () => Queue);
  }
}

beforeAll(async () => {
  await Promise.all([Ticket.createTable(), Queue.createTable(), Job.createTable()]);
});

describe('conditional writes', () => {
  it('update with a condition that holds writes, ANDed with the lock', async () => {
    const ticket = await Ticket.create({ status: 'open' });
    log.clear();
    expect(await ticket.update({ status: 'closed' }, { if: { status: 'open' } })).toBe(true);
    expect(log.inputs[0]).toMatchObject({ ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
    expect(String(log.inputs[0]!['ConditionExpression'])).toMatch(/ AND #n\d+ = :c0$/);
    expect((await Ticket.find(ticket.guid)).status).toBe('closed');
    expect(ticket.lockVersion).toBe(1);
  });

  it('a condition that does not hold throws ConditionNotMet and leaves the instance as it was', async () => {
    const ticket = await Ticket.create({ status: 'open', attempts: 1 });
    ticket.status = 'closed';
    const error = await ticket.save({ if: [['attempts', '>=', 3]] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConditionNotMet);
    expect(error).not.toBeInstanceOf(StaleObjectError);
    expect((error as ConditionNotMet).record).toBe(ticket);
    expect((error as Error).message).toMatch(/attempts >= 3/);
    expect(ticket.lockVersion).toBe(0);
    expect(ticket.isChanged('status')).toBe(true);
    expect((await Ticket.find(ticket.guid)).status).toBe('open');
    expect(await ticket.save()).toBe(true); // the lock was put back: the next save works
  });

  it('a stale instance still throws StaleObjectError, even with a condition that holds', async () => {
    const ticket = await Ticket.create({ status: 'open' });
    const other = await Ticket.find(ticket.guid);
    await other.update({ attempts: 5 });
    await expect(ticket.update({ status: 'x' }, { if: { status: 'open' } })).rejects.toThrow(
      StaleObjectError,
    );
    await expect(ticket.destroy({ if: { status: 'open' } })).rejects.toThrow(StaleObjectError);
  });

  it('saveOrThrow, updateOrThrow, destroy and destroyOrThrow take conditions too', async () => {
    const ticket = await Ticket.create({ status: 'open' });
    await expect(ticket.updateOrThrow({ attempts: 2 }, { if: { status: 'done' } })).rejects.toThrow(
      ConditionNotMet,
    );
    ticket.attempts = 2;
    expect(await ticket.saveOrThrow({ if: { status: 'open' } })).toBe(true);
    await expect(ticket.destroy({ if: [['attempts', '>', 2]] })).rejects.toThrow(ConditionNotMet);
    expect(ticket.isDestroyed()).toBe(false);
    await expect(ticket.destroyOrThrow({ if: { status: 'gone' } })).rejects.toThrow(
      ConditionNotMet,
    );
    expect(await ticket.destroyOrThrow({ if: [['attempts', '=', 2]] })).toBe(true);
    expect(await Ticket.findByKey(ticket.guid)).toBeNull();
  });

  it('on create, a condition is checked against the absent item; a taken key stays RecordNotUnique', async () => {
    const taken = await Ticket.create({ status: 'open' });
    const duplicate = new Ticket({ guid: taken.guid, status: 'x' });
    await expect(duplicate.save({ if: [['status', 'notExists']] })).rejects.toThrow(
      RecordNotUnique,
    );
    const fresh = new Ticket({ status: 'new' });
    await expect(fresh.save({ if: { status: 'open' } })).rejects.toThrow(ConditionNotMet);
    expect(fresh.isNewRecord()).toBe(true);
    expect(await fresh.save({ if: [['status', 'notExists']] })).toBe(true);
  });

  it('inside a transaction a failed condition cancels it with ConditionNotMet', async () => {
    const a = await Ticket.create({ status: 'open' });
    const b = await Ticket.create({ status: 'open' });
    const error = await transaction(async () => {
      await a.update({ attempts: 1 });
      await b.update({ attempts: 1 }, { if: { status: 'closed' } });
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConditionNotMet);
    expect((await Ticket.find(a.guid)).attempts).toBe(0);
  });

  it('a destroy whose condition fails touches none of its dependents', async () => {
    const queue = await Queue.create({ state: 'paused' });
    await queue.jobs.createOrThrow({ name: 'a' });
    await queue.jobs.createOrThrow({ name: 'b' });
    await expect(queue.destroy({ if: { state: 'drained' } })).rejects.toThrow(ConditionNotMet);
    expect(queue.isDestroyed()).toBe(false);
    expect(await queue.jobs.count()).toBe(2);
    expect(await Queue.findByKey(queue.id)).not.toBeNull();

    expect(await queue.destroy({ if: { state: 'paused' } })).toBe(true);
    expect(await queue.jobs.count()).toBe(0);
  });
});
