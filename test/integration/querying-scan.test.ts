import { BatchWriteItemCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { attr, Table } from '../../src/index.js';
import { injectUnprocessed } from '../support/batch-faults.js';
import { localClient, useDynamo } from '../support/dynamo.js';

const { log, client } = useDynamo();

class Reading extends Table.schema({
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  timestamps: false,
  locking: false,
  attributes: { n: attr.integer(), payload: attr.string() },
}) {}

const TOTAL = 3000;
const PAYLOAD = 'x'.repeat(1000);

/** Writes the fixture with raw BatchWriteItem requests: far faster than 3,000 saves. */
async function fill(): Promise<void> {
  const raw = localClient();
  const writes: WriteRequest[] = Array.from({ length: TOTAL }, (_, n) => ({
    PutRequest: { Item: { id: { S: `r${n}` }, n: { N: String(n) }, payload: { S: PAYLOAD } } },
  }));
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < writes.length; i += 25) batches.push(writes.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        let pending = batches[next++]!;
        while (pending.length > 0) {
          const out = await raw.send(
            new BatchWriteItemCommand({ RequestItems: { [Reading.tableFullName]: pending } }),
          );
          pending = out.UnprocessedItems?.[Reading.tableFullName] ?? [];
        }
      }
    }),
  );
  raw.destroy();
}

beforeAll(async () => {
  await Reading.createTable();
  await fill();
}, 60_000);

describe('a table of 3,000 items of about 1 KB', () => {
  it('findEach streams every record page by page', async () => {
    log.clear();
    const seen = new Set<number>();
    let scansAtFirst = -1;
    for await (const reading of Reading.findEach()) {
      if (scansAtFirst < 0) scansAtFirst = log.count('Scan');
      expect(reading).toBeInstanceOf(Reading);
      seen.add(reading.n as number);
    }
    expect(scansAtFirst).toBe(1); // the first record arrives after one page, not the whole table
    expect(seen.size).toBe(TOTAL);
    expect(log.count('Scan')).toBeGreaterThanOrEqual(3); // DynamoDB pages at 1 MB
    expect(log.operations.every((op) => op === 'Scan')).toBe(true);
  });

  it('all reads every record', async () => {
    const all = await Reading.all();
    expect(all).toHaveLength(TOTAL);
    expect(new Set(all.map((r) => r.id)).size).toBe(TOTAL);
    expect(all[0]!.payload).toBe(PAYLOAD);
  });

  it('findEach with segments scans in parallel and still reads each record once', async () => {
    log.clear();
    const ids: string[] = [];
    for await (const reading of Reading.findEach({ segments: 3 })) ids.push(reading.id as string);
    expect(ids).toHaveLength(TOTAL);
    expect(new Set(ids).size).toBe(TOTAL);
    const segments = new Set(log.inputs.map((input) => (input as { Segment?: number }).Segment));
    expect(segments).toEqual(new Set([0, 1, 2]));
  });

  it('findEach honours limit and batchSize', async () => {
    log.clear();
    const some: unknown[] = [];
    for await (const reading of Reading.findEach({ limit: 120, batchSize: 50 }))
      some.push(reading.id);
    expect(some).toHaveLength(120);
    expect(new Set(some).size).toBe(120);
    expect(log.inputs.map((input) => (input as { Limit?: number }).Limit)).toEqual([50, 50, 20]);
  });

  it('stops scanning when the loop is left early', async () => {
    log.clear();
    for await (const reading of Reading.findEach({ batchSize: 10 })) {
      if (reading) break;
    }
    expect(log.count('Scan')).toBe(1);
  });

  it('count is exact over every page, with Select COUNT', async () => {
    log.clear();
    expect(await Reading.count()).toBe(TOTAL);
    expect(log.count('Scan')).toBeGreaterThanOrEqual(3);
    expect(log.inputs.every((input) => (input as { Select?: string }).Select === 'COUNT')).toBe(
      true,
    );
  });

  it('approximateCount asks DescribeTable, not a scan', async () => {
    log.clear();
    const approximate = await Reading.approximateCount();
    expect(typeof approximate).toBe('number');
    expect(approximate).toBeGreaterThanOrEqual(0);
    expect(log.operations).toEqual(['DescribeTable']);
  });

  it('deleteAll removes everything through keys-only scans and BatchWriteItem, retrying unprocessed items', async () => {
    const faults = injectUnprocessed(client, 5);
    try {
      log.clear();
      const deleted = await Reading.deleteAll();
      expect(deleted).toBe(TOTAL);
      expect(faults.requests).toBe(5);
      const scans = log.inputs.filter((_, i) => log.operations[i] === 'Scan') as {
        ProjectionExpression?: string;
      }[];
      expect(scans.every((scan) => scan.ProjectionExpression !== undefined)).toBe(true);
      const writes = log.inputs.filter((_, i) => log.operations[i] === 'BatchWriteItem') as {
        RequestItems: Record<string, unknown[]>;
      }[];
      expect(writes.every((w) => w.RequestItems[Reading.tableFullName]!.length <= 25)).toBe(true);
      // every key sent once, plus once more for each one reported unprocessed
      const sent = writes.flatMap((w) => w.RequestItems[Reading.tableFullName]!) as {
        DeleteRequest: { Key: { id: { S: string } } };
      }[];
      expect(sent.length).toBe(TOTAL + faults.dropped);
      expect(new Set(sent.map((w) => w.DeleteRequest.Key.id.S)).size).toBe(TOTAL);
    } finally {
      faults.remove();
    }
    expect(await Reading.count({ consistent: true })).toBe(0);
  });
});
