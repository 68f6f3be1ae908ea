import { beforeAll, describe, expect, it } from 'vitest';
import { attr, InvalidCondition, Table } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { log } = useDynamo();

/** Range key: a datetime, so comparisons must use the stored epoch milliseconds. */
class Event extends Table.schema({
  hashKey: 'stream',
  rangeKey: 'at',
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { at: attr.datetime(), label: attr.string() },
}) {}

/** Range key: a string, for begins_with. */
class Page extends Table.schema({
  hashKey: 'site',
  rangeKey: 'path',
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { views: attr.integer() },
}) {}

/** Range key: an integer, compared as a number rather than as text. */
class Score extends Table.schema({
  hashKey: 'game',
  rangeKey: 'points',
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { points: attr.integer() },
}) {}

const day = (d: number) => new Date(Date.UTC(2024, 0, d, 12));

beforeAll(async () => {
  await Promise.all([Event.createTable(), Page.createTable(), Score.createTable()]);
  for (let d = 1; d <= 10; d++) await Event.create({ stream: 's', at: day(d), label: `d${d}` });
  await Event.create({ stream: 'other', at: day(5), label: 'other' });
  for (const path of ['/a', '/about', '/about/team', '/b', '/blog'])
    await Page.create({ site: 'x', path });
  for (const points of [2, 9, 10, 100]) await Score.create({ game: 'g', points });
});

const labels = (events: { label: string }[]) => events.map((e) => e.label);

describe('Model.query', () => {
  it('returns every item under the hash key, in range order, with one Query', async () => {
    log.clear();
    const events = await Event.query('s');
    expect(labels(events)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9', 'd10']);
    expect(events[0]).toBeInstanceOf(Event);
    expect(events[0]!.at).toEqual(day(1));
    expect(log.operations).toEqual(['Query']);
  });

  it('compares dates in range conditions as they are stored', async () => {
    expect(labels(await Event.query('s', '=', day(3)))).toEqual(['d3']);
    expect(labels(await Event.query('s', '<', day(3)))).toEqual(['d1', 'd2']);
    expect(labels(await Event.query('s', '<=', day(3)))).toEqual(['d1', 'd2', 'd3']);
    expect(labels(await Event.query('s', '>', day(8)))).toEqual(['d9', 'd10']);
    expect(labels(await Event.query('s', '>=', day(8).toISOString()))).toEqual(['d8', 'd9', 'd10']);
    expect(labels(await Event.query('s', 'between', [day(4), day(6).getTime()]))).toEqual([
      'd4',
      'd5',
      'd6',
    ]);
  });

  it('compares integers numerically', async () => {
    const points = (await Score.query('g', '>=', 9)).map((s) => s.points);
    expect(points).toEqual([9, 10, 100]);
  });

  it('supports begins_with on a string range key', async () => {
    const pages = await Page.query('x', 'begins_with', '/about');
    expect(pages.map((p) => p.path)).toEqual(['/about', '/about/team']);
  });

  it('honours limit, scanIndexForward and consistent', async () => {
    log.clear();
    const latest = await Event.query('s', { limit: 3, scanIndexForward: false, consistent: true });
    expect(labels(latest)).toEqual(['d10', 'd9', 'd8']);
    expect(log.inputs[0]).toMatchObject({
      Limit: 3,
      ScanIndexForward: false,
      ConsistentRead: true,
    });
    const early = await Event.query('s', '>', day(2), { limit: 2 });
    expect(labels(early)).toEqual(['d3', 'd4']);
  });

  it('queryEach streams page by page with batchSize', async () => {
    log.clear();
    const seen: string[] = [];
    for await (const event of Event.queryEach('s', '>=', day(1), { batchSize: 4 }))
      seen.push(event.label);
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    expect(log.count('Query')).toBe(3);
  });

  it('sends every name and value through placeholders', async () => {
    log.clear();
    await Page.query("x' OR 1=1", 'begins_with', 'path) OR (');
    const input = log.inputs[0] as { KeyConditionExpression: string };
    expect(input.KeyConditionExpression).not.toMatch(/site|path|OR 1=1/);
  });

  it('rejects an unknown comparator and a malformed between, naming the model', async () => {
    await expect(Event.query('s', 'like' as never, day(1))).rejects.toThrow(
      /Event.*comparator|comparator.*Event/,
    );
    await expect(Event.query('s', 'between', day(1))).rejects.toThrow(InvalidCondition);
  });
});
