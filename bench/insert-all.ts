/**
 * insertAll against a hand-written BatchWriteItem loop with the raw SDK: 100,000 small items
 * into DynamoDB Local, each at the same concurrency (8 requests in flight), alternating
 * rounds so that a busy machine hurts both alike. Also the RSS growth while insertAll streams
 * its input (the target: under 50 MB), and insertAll with `overwrite: false`, which reads
 * each batch's keys first.
 *
 *   node --expose-gc --import tsx bench/insert-all.ts [--endpoint <url>] [--items 100000] [--rounds 2]
 *
 * Without --endpoint it starts DynamoDB Local in memory for the run. Prints a table and one
 * JSON line.
 */
import { parseArgs } from 'node:util';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  type BatchWriteItemCommandOutput,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { attr, configure, Table } from '../src/index.js';
import { startDynamoLocal } from '../src/testing/index.js';

const { values } = parseArgs({
  options: {
    endpoint: { type: 'string' },
    items: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '2' },
  },
});
const ITEMS = Number(values.items);
const ROUNDS = Number(values.rounds);
const CONCURRENCY = 8;

const local = values.endpoint ? undefined : await startDynamoLocal({ inMemory: true });
const endpoint = values.endpoint ?? local!.endpoint;
const client = new DynamoDBClient({
  region: 'us-east-1',
  endpoint,
  credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
});
configure({ client });

let tableNumber = 0;
async function newTable(): Promise<string> {
  const name = `insert_bench_${Date.now()}_${tableNumber++}`;
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }),
  );
  return name;
}

function modelFor(table: string) {
  return class Reading extends Table.schema({
    tableName: table,
    locking: false,
    timestamps: false,
    attributes: { sensor: attr.string(), value: attr.float(), ok: attr.boolean() },
  }) {};
}

async function* readings() {
  for (let i = 0; i < ITEMS; i++)
    yield { id: `r${i}`, sensor: `s${i % 100}`, value: i / 7, ok: i % 2 === 0 };
}

/** The hand-written loop: 25 items a request, CONCURRENCY in flight, unprocessed resent. */
async function rawLoop(table: string): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < ITEMS) {
        const from = next;
        next = Math.min(ITEMS, next + 25);
        let requests: WriteRequest[] = [];
        for (let i = from; i < next; i++) {
          requests.push({
            PutRequest: {
              Item: {
                id: { S: `r${i}` },
                sensor: { S: `s${i % 100}` },
                value: { N: String(i / 7) },
                ok: { BOOL: i % 2 === 0 },
              },
            },
          });
        }
        while (requests.length > 0) {
          const output: BatchWriteItemCommandOutput = await client.send(
            new BatchWriteItemCommand({ RequestItems: { [table]: requests } }),
          );
          requests = output.UnprocessedItems?.[table] ?? [];
        }
      }
    }),
  );
}

const gc = (globalThis as { gc?: () => void }).gc;
function rssMb(): number {
  return process.memoryUsage().rss / 1024 / 1024;
}

async function timed(
  run: () => Promise<unknown>,
): Promise<{ perSecond: number; peakGrowthMb: number }> {
  gc?.();
  const baseline = rssMb();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 50);
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, rssMb());
  return { perSecond: ITEMS / seconds, peakGrowthMb: peak - baseline };
}

const results: Record<string, { perSecond: number; peakGrowthMb: number }[]> = {
  raw: [],
  insertAll: [],
  insertAllRefusing: [],
};
try {
  // A warm-up of both paths, so that neither pays for the JIT or the connection pool.
  const warm = await newTable();
  await modelFor(warm).insertAll(
    (async function* () {
      for (let i = 0; i < 2000; i++) yield { id: `w${i}`, sensor: 'w', value: i, ok: true };
    })(),
    { overwrite: true },
  );
  for (let round = 0; round < ROUNDS; round++) {
    const rawTable = await newTable();
    results.raw!.push(await timed(() => rawLoop(rawTable)));
    const oceanTable = await newTable();
    const Model = modelFor(oceanTable);
    results.insertAll!.push(
      await timed(() => Model.insertAll(readings(), { overwrite: true, concurrency: CONCURRENCY })),
    );
  }
  const refusing = modelFor(await newTable());
  results.insertAllRefusing!.push(
    await timed(() => refusing.insertAll(readings(), { concurrency: CONCURRENCY })),
  );
} finally {
  await local?.stop();
}

const best = (runs: { perSecond: number }[]) => Math.max(...runs.map((r) => r.perSecond));
const peak = (runs: { peakGrowthMb: number }[]) => Math.max(...runs.map((r) => r.peakGrowthMb));
const raw = best(results.raw!);
const lines = [
  `${ITEMS.toLocaleString('en-US')} items, ${CONCURRENCY} requests in flight, best of ${ROUNDS}`,
  `raw BatchWriteItem loop        ${Math.round(raw)} items/s`,
  `insertAll (overwrite: true)    ${Math.round(best(results.insertAll!))} items/s  ${(best(results.insertAll!) / raw).toFixed(2)}x raw  RSS growth ${peak(results.insertAll!).toFixed(1)} MB`,
  `insertAll (overwrite: false)   ${Math.round(best(results.insertAllRefusing!))} items/s  ${(best(results.insertAllRefusing!) / raw).toFixed(2)}x raw  RSS growth ${peak(results.insertAllRefusing!).toFixed(1)} MB`,
];
process.stdout.write(`${lines.join('\n')}\n${JSON.stringify({ items: ITEMS, results })}\n`);
process.exit(0);
