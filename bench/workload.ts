/**
 * The benchmark's workload, the same for every library: an AsyncJob-like record (strings,
 * numbers, booleans, a datetime, a list of maps, a string set, a lock and timestamps) and a
 * parent/children table whose children are queried 100 at a time, whole or filtered (one in
 * ten is `done`: DynamoDB reads 100 and its FilterExpression keeps 10).
 */
import { randomUUID } from 'node:crypto';

export interface Step {
  name: string;
  url: string;
  retries: number;
}

/** What the application gives when creating a job; the library adds lock and timestamps. */
export interface JobInput {
  guid: string;
  name: string;
  status: string;
  credentials: string;
  token: string;
  maxSeconds: number;
  ratio: number;
  succeeded: boolean;
  poison: boolean;
  destroyAt: Date;
  steps: Step[];
  tags: string[];
}

export interface ChildInput {
  parentId: string;
  guid: string;
  name: string;
  position: number;
  done: boolean;
}

/** The two attributes an update changes. */
export interface JobChange {
  status: string;
  maxSeconds: number;
}

export const CHILDREN_PER_QUERY = 100;
/** Of the 100 children a filtered query reads, those it keeps: the ones `done`. */
export const CHILDREN_KEPT_BY_FILTER = 10;

export function jobInput(i: number): JobInput {
  return {
    guid: randomUUID(),
    name: `job-${i}`,
    status: 'queued',
    credentials: 'bench:secret-credential-string',
    token: randomUUID(),
    maxSeconds: 86_400,
    ratio: 0.75,
    succeeded: false,
    poison: false,
    destroyAt: new Date(1_900_000_000_000 + i),
    steps: [
      { name: 'fetch', url: 'https://example.com/steps/fetch', retries: 3 },
      { name: 'transform', url: 'https://example.com/steps/transform', retries: 1 },
      { name: 'store', url: 'https://example.com/steps/store', retries: 5 },
    ],
    tags: ['bench', 'async', `batch-${i % 7}`],
  };
}

export function jobChange(i: number): JobChange {
  return { status: 'running', maxSeconds: 3_600 + (i % 100) };
}

export function childInput(parentId: string, i: number): ChildInput {
  return {
    parentId,
    guid: `child-${String(i).padStart(4, '0')}`,
    name: `step ${i}`,
    position: i,
    done: i % 10 === 0,
  };
}
