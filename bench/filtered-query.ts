/**
 * A filtered query, CPU only: one Query of a parent's children where DynamoDB read 100 items
 * and its FilterExpression kept 10. The request handler answers a canned response, so what is
 * measured is each library's own work (building the request, signing, parsing, records).
 * ocean-dynamo's relation against the raw SDK document client with a hand-written filter.
 *
 *   node --expose-gc --import tsx bench/filtered-query.ts [--queries 2000] [--reps 5]
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { HttpResponse } from '@smithy/protocol-http';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { attr, configure, Table } from '../src/index.js';

const { values: flags } = parseArgs({
  options: { queries: { type: 'string' }, reps: { type: 'string' } },
});
const QUERIES = Number(flags.queries ?? 2000);
const REPS = Number(flags.reps ?? 5);
const TABLE = 'bench_filtered_children';

// The 10 items DynamoDB keeps of the 100 it read (ScannedCount 100, Count 10).
const kept = Array.from({ length: 10 }, (_, i) => ({
  parentId: { S: 'p1' },
  position: { N: String(i * 10) },
  name: { S: `child ${i * 10}` },
  done: { BOOL: true },
  createdAt: { N: '1764633600000' },
  updatedAt: { N: '1764633600000' },
  lockVersion: { N: '0' },
}));
const body = Buffer.from(JSON.stringify({ Items: kept, Count: 10, ScannedCount: 100 }));
const requestHandler = {
  handle: async () => ({
    response: new HttpResponse({
      statusCode: 200,
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'canned' },
      body: Readable.from([body]),
    }),
  }),
};
const config = {
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:1',
  credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  requestHandler,
};

configure({ client: new DynamoDBClient(config) });
class Child extends Table.schema({
  hashKey: 'parentId',
  rangeKey: 'position',
  tableName: TABLE,
  attributes: { position: attr.integer(), name: attr.string(), done: attr.boolean() },
}) {}

const doc = DynamoDBDocumentClient.from(new DynamoDBClient(config));

async function ocean(): Promise<number> {
  let sum = 0;
  const children = await Child.where({ parentId: 'p1', done: true });
  for (const child of children) sum += child.position!;
  return sum;
}

async function raw(): Promise<number> {
  const { Items = [] } = await doc.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: '#p = :p',
      FilterExpression: '#d = :d',
      ExpressionAttributeNames: { '#p': 'parentId', '#d': 'done' },
      ExpressionAttributeValues: { ':p': 'p1', ':d': true },
    }),
  );
  let sum = 0;
  for (const item of Items) sum += item['position'] as number;
  return sum;
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function rate(run: () => Promise<number>): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = cpuMs();
  for (let i = 0; i < QUERIES; i++) if ((await run()) !== 450) throw new Error('wrong result');
  return (QUERIES / (cpuMs() - start)) * 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (let i = 0; i < 200; i++) await Promise.all([ocean(), raw()]); // warm up
const rates = { raw: [] as number[], ocean: [] as number[] };
for (let rep = 0; rep < REPS; rep++) {
  rates.raw.push(await rate(raw));
  rates.ocean.push(await rate(ocean));
}
const rawRate = median(rates.raw);
const oceanRate = median(rates.ocean);
console.log(`filtered query (100 read, 10 kept), CPU only, ${QUERIES} queries x ${REPS}:`);
console.log(`  raw SDK      ${rawRate.toFixed(0)} queries per CPU second`);
console.log(
  `  ocean-dynamo ${oceanRate.toFixed(0)} queries per CPU second (${(oceanRate / rawRate).toFixed(2)}x raw)`,
);
