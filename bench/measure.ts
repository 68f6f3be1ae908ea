/** Timing: operations per second of a batch run at a given concurrency; medians. */
import type { Adapter } from './adapters/adapter.js';
import { CHILDREN_KEPT_BY_FILTER, CHILDREN_PER_QUERY, jobChange, jobInput } from './workload.js';

export const OPERATIONS = [
  'create',
  'find',
  'update',
  'destroy',
  'query',
  'filtered query',
] as const;
export type Operation = (typeof OPERATIONS)[number];
export type Sample = Record<Operation, number>;

export interface RunShape {
  /** Single-item operations per phase. */
  ops: number;
  /** 100-item queries (whole, and filtered) per phase. */
  queries: number;
  concurrency: number;
}

const collect = (globalThis as { gc?: (options?: { type: 'minor' }) => void }).gc;
// A slice ends by collecting the young generation, timed: each library pays for the garbage
// it made, and the next slice starts with none of it left to collect.
const collectYoung = collect && (() => collect({ type: 'minor' }));

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The calls of one phase for one library: `count` of them, call `i` being `task(i)`. */
interface Phase {
  count: number;
  task: (i: number) => Promise<unknown>;
}

/** One library's state through a round: the jobs it creates, then updates and destroys. */
function phasesOf(
  adapter: Adapter,
  parentId: string,
  shape: RunShape,
  offset: number,
): Record<Operation, Phase> {
  const inputs = Array.from({ length: shape.ops }, (_, i) => jobInput(offset + i));
  const changes = inputs.map((_, i) => jobChange(i));
  const handles: unknown[] = new Array(shape.ops);
  return {
    create: {
      count: shape.ops,
      task: async (i) => (handles[i] = await adapter.create(inputs[i]!)),
    },
    find: { count: shape.ops, task: (i) => adapter.find(inputs[i]!.guid) },
    update: {
      count: shape.ops,
      task: async (i) => (handles[i] = await adapter.update(handles[i], changes[i]!)),
    },
    destroy: { count: shape.ops, task: (i) => adapter.destroy(handles[i]) },
    query: {
      count: shape.queries,
      task: async () => {
        const count = await adapter.query(parentId);
        if (count !== CHILDREN_PER_QUERY)
          throw new Error(`${adapter.name} query returned ${count} children`);
      },
    },
    'filtered query': {
      count: shape.queries,
      task: async () => {
        const count = await adapter.filteredQuery(parentId);
        // A library version without a filter API (NaN) has nothing to measure here.
        if (Number.isNaN(count)) return;
        if (count !== CHILDREN_KEPT_BY_FILTER)
          throw new Error(`${adapter.name} filtered query returned ${count} children`);
      },
    },
  };
}

/**
 * What a slice costs: elapsed time ('wall'), or the CPU time of this process ('cpu': user and
 * system, every thread, garbage collection included), which other processes on the machine
 * do not inflate.
 */
export type Clock = 'wall' | 'cpu';

function now(clock: Clock): number {
  if (clock === 'wall') return performance.now();
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Runs calls `from`..`to` of a phase with `concurrency` in flight; resolves to the milliseconds taken. */
async function timeSlice(
  phase: Phase,
  from: number,
  to: number,
  concurrency: number,
  clock: Clock,
): Promise<number> {
  let next = from;
  const started = now(clock);
  await Promise.all(
    Array.from({ length: Math.min(concurrency, to - from) }, async () => {
      while (next < to) await phase.task(next++);
    }),
  );
  collectYoung?.();
  return now(clock) - started;
}

/**
 * Warm-up rounds, then `repetitions` measured rounds. In a round every library creates its
 * jobs, then finds, updates and destroys them, then queries; within each operation the
 * libraries take turns slice by slice, so that a change in the machine's load (other
 * processes, DynamoDB Local's JIT) falls on all of them alike. Resolves to each library's
 * median operations per second.
 */
export async function compare(
  adapters: readonly Adapter[],
  parentId: string,
  shape: RunShape,
  repetitions: number,
  warmups: number,
  clock: Clock,
  slices = 10,
): Promise<Map<string, Sample>> {
  const samples = new Map<string, Sample[]>(adapters.map((a) => [a.name, []]));
  let offset = 0;
  for (let round = 0; round < warmups + repetitions; round++) {
    const phases = adapters.map((adapter) => {
      offset += shape.ops;
      return phasesOf(adapter, parentId, shape, offset);
    });
    const sample = adapters.map(() => ({}) as Sample);
    for (const op of OPERATIONS) {
      collect?.();
      const elapsed = adapters.map(() => 0);
      const count = phases[0]![op].count;
      const step = Math.ceil(count / slices);
      for (let from = 0, turn = round; from < count; from += step, turn++) {
        for (let k = 0; k < adapters.length; k++) {
          const a = (turn + k) % adapters.length;
          elapsed[a]! += await timeSlice(
            phases[a]![op],
            from,
            Math.min(count, from + step),
            shape.concurrency,
            clock,
          );
        }
      }
      adapters.forEach(
        (adapter, a) =>
          (sample[a]![op] = adapter.lacks?.includes(op)
            ? Number.NaN
            : count / (elapsed[a]! / 1000)),
      );
    }
    if (round >= warmups)
      adapters.forEach((adapter, a) => samples.get(adapter.name)!.push(sample[a]!));
  }
  const medians = new Map<string, Sample>();
  for (const [name, list] of samples) {
    medians.set(
      name,
      Object.fromEntries(OPERATIONS.map((op) => [op, median(list.map((s) => s[op]))])) as Sample,
    );
  }
  return medians;
}
