/**
 * Concurrency: many writers on one item through optimistic locking, atomic counters, and
 * racing creates of one key. Nothing may be lost and nothing may be overwritten.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { attr, RecordNotUnique, StaleObjectError, Table } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { log } = useDynamo();

const WRITERS = 16;
const ROUNDS = 50;

class Tally extends Table.schema({
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: {
    count: attr.integer({ default: 0 }),
    hits: attr.integer({ default: 0 }),
    applied: attr.stringSet(),
    note: attr.string(),
  },
}) {}

beforeAll(async () => {
  await Tally.createTable();
});

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('read-modify-save with optimistic locking', () => {
  it(`${WRITERS} writers × ${ROUNDS} rounds apply exactly ${WRITERS * ROUNDS} updates, none lost`, async () => {
    const tally = await Tally.create({ id: 'rmw' });
    let staleRetries = 0;

    async function writer(w: number): Promise<void> {
      const copy = await Tally.find(tally.id, { consistent: true });
      for (let round = 0; round < ROUNDS; round++) {
        for (let conflicts = 0; ; conflicts++) {
          copy.count = (copy.count ?? 0) + 1;
          copy.applied = [...copy.applied, `w${w}r${round}`];
          try {
            await copy.saveOrThrow();
            break;
          } catch (error) {
            if (!(error instanceof StaleObjectError)) throw error;
            staleRetries += 1;
            // The failed save left the instance as it was: its lock value is still the stale one.
            expect(error.record).toBe(copy);
            expect(copy.isChanged('count')).toBe(true);
            // Jittered exponential backoff, as a real client would: fewer doomed attempts.
            await pause(Math.random() * Math.min(64, 2 ** conflicts));
            await copy.reload();
          }
        }
      }
    }

    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));

    const final = await Tally.find(tally.id, { consistent: true });
    expect(final.count).toBe(WRITERS * ROUNDS);
    expect(final.lockVersion).toBe(WRITERS * ROUNDS);
    const expected = Array.from({ length: WRITERS }, (_, w) =>
      Array.from({ length: ROUNDS }, (_, r) => `w${w}r${r}`),
    ).flat();
    expect([...final.applied].sort()).toEqual(expected.sort());
    // Contention really happened: a test without conflicts would prove nothing about locking.
    expect(staleRetries).toBeGreaterThan(0);
    expect(log.count('UpdateItem')).toBe(WRITERS * ROUNDS + staleRetries);
  }, 120_000);

  it('a stale copy never overwrites a newer write', async () => {
    const original = await Tally.create({ id: 'stale', note: 'first' });
    const a = await Tally.find(original.id, { consistent: true });
    const b = await Tally.find(original.id, { consistent: true });
    a.note = 'from a';
    b.note = 'from b';
    const results = await Promise.allSettled([a.save(), b.save()]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(StaleObjectError);
    const winner = results[0]!.status === 'fulfilled' ? 'from a' : 'from b';
    const stored = await Tally.find(original.id, { consistent: true });
    expect(stored.note).toBe(winner);
    expect(stored.lockVersion).toBe(1);
  });
});

describe('increment', () => {
  it(`${WRITERS} writers × ${ROUNDS} increments on stale copies add up to exactly ${WRITERS * ROUNDS}`, async () => {
    const tally = await Tally.create({ id: 'counter' });
    const seen = new Set<number>();
    async function writer(): Promise<void> {
      // Each writer holds its own copy, read once and never refreshed: increment needs no lock.
      const copy = await Tally.find(tally.id, { consistent: true });
      copy.note = 'unsaved change';
      for (let round = 0; round < ROUNDS; round++) {
        const value = await copy.increment('hits');
        expect(copy.hits).toBe(value);
        seen.add(value);
      }
      expect(copy.isChanged('note')).toBe(true);
      expect(copy.isChanged('hits')).toBe(false);
    }
    log.clear();
    await Promise.all(Array.from({ length: WRITERS }, () => writer()));

    // Every increment saw a distinct new value: each ADD was applied exactly once.
    expect(seen.size).toBe(WRITERS * ROUNDS);
    expect(Math.max(...seen)).toBe(WRITERS * ROUNDS);
    expect(log.count('UpdateItem')).toBe(WRITERS * ROUNDS);
    const final = await Tally.find(tally.id, { consistent: true });
    expect(final.hits).toBe(WRITERS * ROUNDS);
    expect(final.note).toBe('');
    expect(final.lockVersion).toBe(0);
  }, 60_000);
});

describe('racing creates of one key', () => {
  it('exactly one wins; every other gets RecordNotUnique and the winner is stored unchanged', async () => {
    for (let key = 0; key < 5; key++) {
      const id = `race-${key}`;
      const results = await Promise.allSettled(
        Array.from({ length: WRITERS }, (_, w) => Tally.create({ id, note: `writer ${w}` })),
      );
      const winners = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const losers = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(WRITERS - 1);
      for (const error of losers) {
        expect(error).toBeInstanceOf(RecordNotUnique);
        const record = (error as RecordNotUnique).record as Tally;
        // The loser is still a new record with its own values: it can be retried or reported.
        expect(record.isNewRecord()).toBe(true);
        expect(record.lockVersion).toBe(0);
      }
      const stored = await Tally.find(id, { consistent: true });
      expect(stored.note).toBe(winners[0]!.note);
      expect(stored.lockVersion).toBe(0);
    }
  });

  it('createOrThrow races the same way', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: WRITERS }, (_, w) =>
        Tally.createOrThrow({ id: 'race-throw', count: w }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const reasons = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(reasons.every((e) => e instanceof RecordNotUnique)).toBe(true);
    expect(reasons).toHaveLength(WRITERS - 1);
  });
});
