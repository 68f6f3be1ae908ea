/** Primary keys: they cannot change once persisted, and malformed key queries are refused. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useDynamo } from '../support/dynamo.js';
import { Bare, Diary } from '../support/edge-models.js';

const { log } = useDynamo();

beforeAll(async () => {
  await Promise.all([Bare.createTable(), Diary.createTable()]);
});

describe('primary keys', () => {
  it('a key of a persisted record cannot change, but may be assigned its own value', async () => {
    const day = new Date('2024-03-01T00:00:00Z');
    const entry = await Diary.create({ owner: 'bob', day });
    entry.writeAttribute('day', new Date(day.getTime()));
    entry.writeAttribute('owner', 'bob');
    expect(() => entry.writeAttribute('day', new Date(0))).toThrow(
      /Cannot change Diary\.day: it is part of the primary key/,
    );
    expect(() => entry.writeAttribute('owner', 'eve')).toThrow(/Cannot change Diary\.owner/);
    expect(entry.owner).toBe('bob');
  });

  it('malformed key queries are refused before sending', async () => {
    log.clear();
    await expect(Bare.query('a', '=', 1)).rejects.toThrow(/Bare has no range key/);
    await expect(Diary.query('ann', 'LIKE' as never, 1)).rejects.toThrow(/expected a comparator/);
    await expect(Diary.findGlobal('mood', 'happy', 'day', '=', 1)).rejects.toThrow(
      /Diary declares no global index/,
    );
    await expect(Diary.findLocal('owner', 'ann', 'text', '=', 'x')).rejects.toThrow(/text/);
    for (const limit of [0, -1, 1.5]) {
      await expect(Diary.queryPage('ann', { limit })).rejects.toThrow(
        /limit must be a positive integer/,
      );
    }
    expect(log.operations).toEqual([]);
  });
});
