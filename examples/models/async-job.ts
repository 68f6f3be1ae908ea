/**
 * AsyncJob: the job record of the Ruby gem's own example, a table keyed by a generated UUID.
 *
 * ```ts
 * const job = await AsyncJob.create({ credentials: 'secret', steps: [{ name: 'fetch' }] });
 * job.succeeded = true;
 * await job.save();
 * ```
 */
import { randomUUID } from 'node:crypto';
import { Table, attr } from '../../src/index.js';

/** One step of a job, kept as JSON text as the gem did. */
export interface JobStep {
  name: string;
  url?: string;
  method?: string;
}

export class AsyncJob extends Table.schema({
  hashKey: 'guid',
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: {
    credentials: attr.string(),
    token: attr.string({ default: () => randomUUID() }),
    steps: attr.serialized<JobStep[]>({ default: () => [] }),
    maxSecondsInQueue: attr.integer({ default: 86400 }),
    defaultStepTime: attr.integer({ default: 30 }),
    startedAt: attr.datetime(),
    lastCompletedStep: attr.integer(),
    finished: attr.boolean({ default: false }),
    succeeded: attr.boolean({ default: false }),
    failed: attr.boolean({ default: false }),
    destroyAt: attr.datetime(),
  },
  globalSecondaryIndexes: [{ hashKey: 'token', projection: 'keysOnly' }],
}) {
  static {
    this.validates('credentials', { presence: true });
  }
}
