// Type-inference tests: checked by `tsc` in `npm test` (npm run typecheck). Each
// `@ts-expect-error` line must fail to compile, or tsc reports the directive as unused.
import { attr, Table } from '../../src/index.js';
import { assertType, type Equal } from './support/assert-type.js';

interface Step {
  name: string;
}

class AsyncJob extends Table.schema({
  hashKey: 'guid',
  attributes: {
    credentials: attr.string({ default: 'blah' }),
    maxSecondsInQueue: attr.integer({ default: 86400 }),
    ratio: attr.float(),
    steps: attr.serialized<Step[]>({ default: () => [] }),
    meta: attr.json<{ retries: number }>(),
    destroyAt: attr.datetime(),
    succeeded: attr.boolean({ default: false }),
    tags: attr.stringSet(),
    counts: attr.integerSet(),
    moments: attr.datetimeSet(),
  },
}) {
  summary(): string {
    return `${this.guid}: ${this.credentials}`;
  }
}

class Versionless extends Table.schema({
  rangeKey: 'at',
  locking: false,
  timestamps: ['born', 'changed'],
  attributes: { at: attr.datetime(), score: attr.integer() },
}) {}

export async function checks(): Promise<void> {
  const job = new AsyncJob();
  assertType<Equal<typeof job.maxSecondsInQueue, number | null>>();
  assertType<Equal<typeof job.guid, string>>();
  assertType<Equal<typeof job.credentials, string>>();
  assertType<Equal<typeof job.steps, Step[] | null>>();
  assertType<Equal<typeof job.meta, { retries: number } | null>>();
  assertType<Equal<typeof job.ratio, number | null>>();
  assertType<Equal<typeof job.destroyAt, Date | null>>();
  assertType<Equal<typeof job.succeeded, boolean | null>>();
  assertType<Equal<typeof job.tags, string[]>>();
  assertType<Equal<typeof job.counts, number[]>>();
  assertType<Equal<typeof job.moments, Date[]>>();
  assertType<Equal<typeof job.createdAt, Date | null>>();
  assertType<Equal<typeof job.lockVersion, number>>();

  // @ts-expect-error misspelt attribute
  void job.maxSecondsInQueu;
  // @ts-expect-error a string into an integer accessor
  job.maxSecondsInQueue = 'abc';
  // `id` is the hash key, typed as it.
  assertType<Equal<typeof job.id, string>>();

  // Class methods return the subclass.
  const found = await AsyncJob.find('x');
  assertType<Equal<typeof found, AsyncJob>>();
  const maybe = await AsyncJob.findByKey('x');
  assertType<Equal<typeof maybe, AsyncJob | null>>();
  const created = await AsyncJob.create({ credentials: 'c', maxSecondsInQueue: '60' });
  assertType<Equal<typeof created, AsyncJob>>();
  assertType<Equal<ReturnType<typeof found.summary>, string>>();
  // @ts-expect-error misspelt attribute in create
  await AsyncJob.create({ credentialz: 'c' });
  // @ts-expect-error wrong kind of value in create
  await AsyncJob.create({ succeeded: { yes: true } });

  // Key types follow their declarations; locking and timestamps follow the options.
  const v = new Versionless();
  assertType<Equal<typeof v.at, Date | null>>();
  assertType<Equal<typeof v.born, Date | null>>();
  assertType<Equal<typeof v.changed, Date | null>>();
  assertType<Equal<typeof v.id, string>>();
  // @ts-expect-error locking: false means no lockVersion
  void v.lockVersion;
  // @ts-expect-error custom timestamps replace createdAt
  void v.createdAt;

  // Metadata is on the class.
  assertType<Equal<typeof AsyncJob.tableFullName, string>>();
  assertType<Equal<typeof AsyncJob.tableRangeKey, string | null>>();
}
