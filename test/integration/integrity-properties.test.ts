/**
 * Property: whatever sequence of writes runs, and whatever faults hit them (throttling, an
 * answer lost after DynamoDB applied the write, a request refused between two of an
 * operation's requests), the guard tables read raw stay exactly consistent with the items,
 * no child outlives its parent once failed destroys are finished, and each counter equals the
 * increments that applied.
 */
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { attr, DynamoError, Table, WriteOutcomeUnknown, type HasMany } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';
import { guardProblems } from '../support/guard-table.js';
import { injectWriteFaults, type Fault } from '../support/write-faults.js';

const { client } = useDynamo();

class Owner extends Table.schema({
  attributes: { email: attr.string(), visits: attr.integer({ default: 0 }) },
}) {
  static {
    this.validates('email', { uniqueness: true });
    this.hasMany('items', () => Thing); // dependent: 'delete'
  }
  declare readonly items: HasMany<Thing>;
}
class Thing extends Table.schema({
  hashKey: 'guid',
  belongsTo: { name: 'owner', model: () => Owner },
  attributes: { code: attr.string() },
}) {
  static {
    this.validates('code', { uniqueness: true });
  }
}

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems']);
type Where = 'attempt' | 'call';
// The fault for the next write request, taken by whichever injector it is meant for.
let pending: { fault: Fault; where: Where } | null = null;
const take = (where: Where) => (operation: string) => {
  if (!pending || pending.where !== where || !WRITES.has(operation)) return undefined;
  const { fault } = pending;
  pending = null;
  return fault;
};

beforeAll(async () => {
  await Owner.createTable();
  await Thing.createTable();
  injectWriteFaults(client, take('attempt'), 'attempt');
  injectWriteFaults(client, take('call'), 'call');
});

const faultArbitrary = fc.constantFrom<{ fault: Fault; where: Where } | null>(
  null,
  null,
  { fault: 'throttle', where: 'attempt' },
  { fault: 'reset', where: 'attempt' },
  { fault: 'reset', where: 'call' },
  { fault: 'fail', where: 'call' },
);
const pick = fc.nat(5);
const value = fc.constantFrom('a', 'b', 'c');
const stepArbitrary = fc.record({
  fault: faultArbitrary,
  step: fc.oneof(
    fc.record({ op: fc.constant('createOwner' as const), email: value }),
    fc.record({ op: fc.constant('changeEmail' as const), owner: pick, email: value }),
    fc.record({ op: fc.constant('destroyOwner' as const), owner: pick }),
    fc.record({ op: fc.constant('increment' as const), owner: pick }),
    fc.record({ op: fc.constant('createThing' as const), owner: pick, code: value }),
    fc.record({ op: fc.constant('moveThing' as const), thing: pick, owner: pick }),
    fc.record({ op: fc.constant('deleteThing' as const), thing: pick, byKey: fc.boolean() }),
  ),
});

let run = 0;

it('keeps guards, children and counters consistent under injected faults', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(stepArbitrary, { minLength: 4, maxLength: 10 }), async (steps) => {
      run += 1;
      pending = null;
      // Each sequence starts from empty tables (deleteAll takes the guards with the items).
      await Thing.deleteAll();
      await Owner.deleteAll();
      expect(await guardProblems(client, Owner, ['email'])).toEqual([]);
      const owners: string[] = [];
      const things: [string, string][] = [];
      const visits = new Map<string, number>();
      const undestroyed = new Set<string>();
      const at = <T>(list: T[], i: number): T | undefined => list[i % Math.max(1, list.length)];
      for (const { fault, step } of steps) {
        pending = fault;
        try {
          switch (step.op) {
            case 'createOwner': {
              const owner = new Owner({ email: `${run}${step.email}@x` });
              try {
                if (await owner.save()) owners.push(owner.id);
              } catch (error) {
                // Unknown or refused: the instance keeps its key, and saving again settles it.
                pending = null;
                if (error instanceof WriteOutcomeUnknown && (await owner.save()))
                  owners.push(owner.id);
                else throw error;
              }
              break;
            }
            case 'changeEmail': {
              const id = at(owners, step.owner);
              const owner = id && (await Owner.findByKey(id, undefined, { consistent: true }));
              if (owner) await owner.update({ email: `${run}${step.email}@x` });
              break;
            }
            case 'destroyOwner': {
              const id = at(owners, step.owner);
              const owner = id && (await Owner.findByKey(id, undefined, { consistent: true }));
              if (!owner) break;
              undestroyed.add(owner.id);
              await owner.destroy();
              undestroyed.delete(owner.id);
              break;
            }
            case 'increment': {
              const id = at(owners, step.owner);
              const owner = id && (await Owner.findByKey(id, undefined, { consistent: true }));
              if (!owner) break;
              try {
                await owner.increment('visits');
                visits.set(owner.id, (visits.get(owner.id) ?? 0) + 1);
              } catch (error) {
                // A lost answer: the request reached DynamoDB, so it applied, once.
                if (error instanceof WriteOutcomeUnknown)
                  visits.set(owner.id, (visits.get(owner.id) ?? 0) + 1);
                throw error;
              }
              break;
            }
            case 'createThing': {
              const id = at(owners, step.owner);
              const owner = id && (await Owner.findByKey(id, undefined, { consistent: true }));
              if (!owner) break;
              const thing = await owner.items.create({ code: `${run}${step.code}` });
              if (thing.isPersisted()) things.push([owner.id, thing.guid]);
              break;
            }
            case 'moveThing': {
              const key = at(things, step.thing);
              const id = at(owners, step.owner);
              const thing = key && (await Thing.findByKey(...key, { consistent: true }));
              const owner = id && (await Owner.findByKey(id, undefined, { consistent: true }));
              if (!thing || !owner) break;
              await owner.items.push(thing);
              things.push([owner.id, thing.guid]);
              break;
            }
            case 'deleteThing': {
              const key = at(things, step.thing);
              if (!key) break;
              if (step.byKey) await Thing.delete(...key);
              else await (await Thing.findByKey(...key, { consistent: true }))?.delete();
              break;
            }
          }
        } catch (error) {
          expect(error).toBeInstanceOf(DynamoError);
        }
      }
      pending = null;
      // A destroy that failed midway is finished by destroying again.
      for (const id of undestroyed)
        await (await Owner.findByKey(id, undefined, { consistent: true }))?.destroy();

      expect(await guardProblems(client, Owner, ['email'])).toEqual([]);
      expect(await guardProblems(client, Thing, ['code'])).toEqual([]);
      const alive = new Set((await Owner.all({ consistent: true })).map((owner) => owner.id));
      for (const thing of await Thing.all({ consistent: true }))
        expect(alive.has(thing.readAttribute('ownerId') as string)).toBe(true);
      for (const id of alive) {
        const owner = await Owner.find(id, undefined, { consistent: true });
        expect(owner.visits).toBe(visits.get(id) ?? 0);
      }
    }),
    { numRuns: 20 },
  );
}, 240_000);
