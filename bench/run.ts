/**
 * `npm run bench`: the same workload through ocean-dynamo, the raw AWS SDK v3 and its peers.
 *
 *   mode (a) CPU only: the client's request handler answers canned DynamoDB responses;
 *   mode (b) end to end against a DynamoDB Local started here, at concurrency 1 and 16;
 *   memory: findEach over 100,000 items in a separate process.
 *
 * Options: --mode cpu|local|all (default all), --quick (fewer operations, for a smoke run),
 * --no-memory, --no-write (print only; by default the results go to bench/results/),
 * --only ocean,toolbox (the raw SDK and these), --ops N, --reps N, --against <another
 * build's dist/index.js> (an earlier version of ocean-dynamo, measured in the same process).
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { startDynamoLocal } from '../src/testing/index.js';
import type { Adapter, AdapterFactory, TableNames } from './adapters/adapter.js';
import { dynamooseAdapter } from './adapters/dynamoose.js';
import { electroAdapter } from './adapters/electrodb.js';
import { BUILT_LIBRARY, oceanAdapterOf } from './adapters/ocean.js';
import { rawAdapter } from './adapters/raw.js';
import { toolboxAdapter } from './adapters/toolbox.js';
import { CannedDynamo } from './canned-dynamo.js';
import { compare, type RunShape, type Sample } from './measure.js';
import {
  machine,
  markdownTable,
  writeResults,
  type BenchResults,
  type MemoryResult,
  type ModeResult,
} from './report.js';
import { childInput, CHILDREN_PER_QUERY, jobInput } from './workload.js';

const LIBRARIES: [string, AdapterFactory][] = [
  ['raw', rawAdapter],
  ['ocean', oceanAdapterOf(BUILT_LIBRARY)],
  ['dynamoose', dynamooseAdapter],
  ['electrodb', electroAdapter],
  ['toolbox', toolboxAdapter],
];

const { values: flags } = parseArgs({
  options: {
    mode: { type: 'string', default: 'all' },
    quick: { type: 'boolean', default: false },
    memory: { type: 'boolean', default: true },
    'no-memory': { type: 'boolean', default: false },
    write: { type: 'boolean', default: true },
    'no-write': { type: 'boolean', default: false },
    only: { type: 'string' },
    against: { type: 'string' },
    ops: { type: 'string' },
    reps: { type: 'string' },
  },
});
const quick = flags.quick === true;
const modes = flags.mode === 'all' ? ['cpu', 'local'] : [flags.mode!];
const libraries = [
  ...(flags.only
    ? LIBRARIES.filter(([key]) => key === 'raw' || flags.only!.split(',').includes(key))
    : LIBRARIES),
  // Another build of ocean-dynamo (its dist/index.js), measured beside this one.
  ...(flags.against
    ? [
        ['against', oceanAdapterOf(flags.against, 'ocean-dynamo (--against build)')] as [
          string,
          AdapterFactory,
        ],
      ]
    : []),
];

const opsFlag = flags.ops === undefined ? undefined : Number(flags.ops);
const CPU_SHAPE: RunShape = opsFlag
  ? { ops: opsFlag, queries: Math.ceil(opsFlag / 5), concurrency: 1 }
  : quick
    ? { ops: 300, queries: 60, concurrency: 1 }
    : { ops: 1000, queries: 200, concurrency: 1 };
const CPU_REPETITIONS = flags.reps ? Number(flags.reps) : quick ? 3 : 5;
const LOCAL_SHAPE = (concurrency: number): RunShape =>
  quick
    ? { ops: 100, queries: 30, concurrency }
    : { ops: concurrency === 1 ? 200 : 800, queries: concurrency === 1 ? 50 : 200, concurrency };
const LOCAL_REPETITIONS = flags.reps ? Number(flags.reps) : quick ? 2 : 3;
const PARENT = 'parent-0001';

const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };

function tablesFor(prefix: string, key: string): TableNames {
  return { jobs: `${prefix}_${key}_jobs`, children: `${prefix}_${key}_children` };
}

function children(): ReturnType<typeof childInput>[] {
  return Array.from({ length: CHILDREN_PER_QUERY }, (_, i) => childInput(PARENT, i));
}

async function cpuMode(): Promise<ModeResult> {
  const adapters: Adapter[] = [];
  for (const [key, factory] of libraries) {
    const tables = tablesFor('cpu', key);
    const canned = new CannedDynamo(tables.children);
    const config: DynamoDBClientConfig = {
      region: 'us-east-1',
      endpoint: 'http://dynamodb.invalid',
      credentials,
      requestHandler: canned,
    };
    const adapter = await factory(config, tables);
    await adapter.create(jobInput(0));
    await adapter.seedChildren(children());
    canned.freeze();
    adapters.push(adapter);
  }
  const medians = await compare(adapters, PARENT, CPU_SHAPE, CPU_REPETITIONS, 1, 'cpu');
  return {
    title: 'CPU only (canned responses, no network; operations per CPU second)',
    medians: Object.fromEntries(medians) as Record<string, Sample>,
  };
}

async function localModes(endpoint: string): Promise<ModeResult[]> {
  const adapters: Adapter[] = [];
  for (const [key, factory] of libraries) {
    const adapter = await factory(
      { region: 'us-east-1', endpoint, credentials },
      tablesFor('bench', key),
    );
    await adapter.createTables();
    await adapter.seedChildren(children());
    adapters.push(adapter);
  }
  const results: ModeResult[] = [];
  for (const concurrency of [1, 16]) {
    const medians = await compare(
      adapters,
      PARENT,
      LOCAL_SHAPE(concurrency),
      LOCAL_REPETITIONS,
      1,
      'wall',
    );
    results.push({
      title: `DynamoDB Local, concurrency ${concurrency}`,
      medians: Object.fromEntries(medians) as Record<string, Sample>,
    });
  }
  return results;
}

/** Runs bench/memory.ts in its own process (a clean heap), against the given endpoint. */
function memory(endpoint: string): Promise<MemoryResult> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'memory.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        'tsx',
        script,
        '--endpoint',
        endpoint,
        ...(quick ? ['--quick'] : []),
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = output.trim().split('\n').at(-1) ?? '';
      if (code !== 0) reject(new Error(`memory script exited with ${code}: ${output}`));
      else resolve(JSON.parse(last) as MemoryResult);
    });
  });
}

async function main(): Promise<void> {
  const results: BenchResults = {
    date: new Date().toISOString().slice(0, 10),
    machine: machine(),
    // The settings of the modes that ran.
    settings: {
      ...(modes.includes('cpu')
        ? {
            cpu: `${CPU_SHAPE.ops} ops and ${CPU_SHAPE.queries} queries per repetition, ${CPU_REPETITIONS} repetitions`,
          }
        : {}),
      ...(modes.includes('local')
        ? {
            local: `${LOCAL_SHAPE(1).ops}/${LOCAL_SHAPE(16).ops} ops per repetition at concurrency 1/16, ${LOCAL_REPETITIONS} repetitions`,
          }
        : {}),
      warmup: '1 round',
    },
    modes: [],
    memory: null,
  };
  const show = (mode: ModeResult) => console.log(`\n${mode.title}\n\n${markdownTable(mode)}`);
  if (modes.includes('cpu')) {
    const mode = await cpuMode();
    show(mode);
    results.modes.push(mode);
  }
  const wantsMemory = flags.memory && !flags['no-memory'];
  if (modes.includes('local') || wantsMemory) {
    const local = await startDynamoLocal();
    try {
      if (modes.includes('local')) {
        for (const mode of await localModes(local.endpoint)) {
          show(mode);
          results.modes.push(mode);
        }
      }
      if (wantsMemory) {
        results.memory = await memory(local.endpoint);
        console.log(
          `\nMemory: findEach over ${results.memory.items} items, RSS growth at most ${results.memory.peakGrowthMb.toFixed(1)} MB`,
        );
      }
    } finally {
      await local.stop();
    }
  }
  if (flags.write && !flags['no-write'] && !quick) console.log(`\nWrote ${writeResults(results)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
