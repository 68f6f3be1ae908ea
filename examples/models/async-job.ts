/**
 * AsyncJob: the model of the README's tour, so that the tour runs at the console as printed.
 *
 * ```ts
 * const job = await AsyncJob.create({ name: ' import ' });
 * job.name; // 'import': trimmed before saving
 * job.maxSeconds = 60;
 * await job.save();
 * ```
 */
import { Table, attr } from '../../src/index.js';

export class AsyncJob extends Table.schema({
  hashKey: 'guid',
  attributes: {
    name: attr.string(),
    maxSeconds: attr.integer({ default: 86400 }),
    steps: attr.serialized<{ name: string }[]>({ default: () => [] }),
    succeeded: attr.boolean({ default: false }),
    tags: attr.stringSet(),
  },
}) {
  static {
    this.validates('name', { presence: true, length: { maximum: 80 } });
    this.beforeSave((job) => {
      job.name = job.name.trim();
    });
  }
}
