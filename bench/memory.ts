/**
 * Memory: `findEach` over 100,000 small items must not hold them: the process's RSS may grow
 * by less than 50 MB while it streams them. Run by bench/run.ts in a process of its own
 * (`node --expose-gc --import tsx bench/memory.ts --endpoint <DynamoDB Local>`); prints one
 * JSON line.
 */
import { parseArgs } from 'node:util';
import { BatchWriteItemCommand, DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { attr, configure, Table } from '../src/index.js';

const { values } = parseArgs({
  options: { endpoint: { type: 'string' }, quick: { type: 'boolean', default: false } },
});
if (!values.endpoint) throw new Error('memory.ts needs --endpoint');
const ITEMS = values.quick ? 10_000 : 100_000;
const LIMIT_MB = 50;

const client = new DynamoDBClient({
  region: 'us-east-1',
  endpoint: values.endpoint,
  credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
});
configure({ client });

class Reading extends Table.schema({
  tableName: `memory_readings_${Date.now()}`,
  billingMode: 'PAY_PER_REQUEST',
  locking: false,
  timestamps: false,
  attributes: { sensor: attr.string(), value: attr.float(), ok: attr.boolean() },
}) {}

async function seed(): Promise<void> {
  const table = Reading.tableFullName;
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < ITEMS) {
        const from = next;
        next += 25;
        let pending: WriteRequest[] = Array.from(
          { length: Math.min(25, ITEMS - from) },
          (_, i) => ({
            PutRequest: {
              Item: {
                id: { S: `reading-${from + i}` },
                sensor: { S: `sensor-${(from + i) % 50}` },
                value: { N: String((from + i) / 10) },
                ok: { BOOL: true },
              },
            },
          }),
        );
        while (pending.length > 0) {
          const output = await client.send(
            new BatchWriteItemCommand({ RequestItems: { [table]: pending } }),
          );
          pending = output.UnprocessedItems?.[table] ?? [];
        }
      }
    }),
  );
}

const gc = (globalThis as { gc?: () => void }).gc;
const rssMb = () => process.memoryUsage().rss / 2 ** 20;

async function main(): Promise<void> {
  await Reading.createTable();
  await seed();
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc?.();
  const baseline = rssMb();
  let peak = baseline;
  let count = 0;
  let sum = 0;
  const started = performance.now();
  for await (const reading of Reading.findEach()) {
    sum += reading.value ?? 0;
    if (++count % 1000 === 0) peak = Math.max(peak, rssMb());
  }
  const seconds = (performance.now() - started) / 1000;
  peak = Math.max(peak, rssMb());
  gc?.();
  const final = rssMb();
  if (count !== ITEMS || sum <= 0) throw new Error(`findEach yielded ${count} of ${ITEMS} items`);
  await Reading.deleteTable();
  const result = {
    items: count,
    baselineRssMb: baseline,
    peakGrowthMb: peak - baseline,
    finalGrowthMb: final - baseline,
    seconds,
  };
  if (result.peakGrowthMb >= LIMIT_MB)
    console.error(
      `RSS grew by ${result.peakGrowthMb.toFixed(1)} MB, over the ${LIMIT_MB} MB budget`,
    );
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
