// Type-inference tests: checked by `tsc` in `npm test` (npm run typecheck). Each
// `@ts-expect-error` line must fail to compile, or tsc reports the directive as unused.
import { attr, Table } from '../../src/index.js';

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
  const seconds: number | null = job.maxSecondsInQueue;
  const guid: string = job.guid;
  const credentials: string = job.credentials;
  const steps: Step[] | null = job.steps;
  const retries: number | undefined = job.meta?.retries;
  const when: Date | null = job.destroyAt;
  const ok: boolean | null = job.succeeded;
  const tags: string[] = job.tags;
  const counts: number[] = job.counts;
  const moments: Date[] = job.moments;
  const created: Date | null = job.createdAt;
  const lock: number = job.lockVersion;
  void [seconds, guid, credentials, steps, retries, when, ok, tags, counts, moments, created, lock];

  // @ts-expect-error misspelt attribute
  void job.maxSecondsInQueu;
  // @ts-expect-error a string into an integer accessor
  job.maxSecondsInQueue = 'abc';
  // `id` is the hash key, typed as it.
  const idString: string = job.id;
  // @ts-expect-error the hash key is a string
  const idNumber: number = job.id;
  void [idString, idNumber];

  // Class methods return the subclass.
  const found: AsyncJob = await AsyncJob.find('x');
  const maybe: AsyncJob | null = await AsyncJob.findByKey('x');
  const created2: AsyncJob = await AsyncJob.create({ credentials: 'c', maxSecondsInQueue: '60' });
  void [found, maybe, created2, found.summary()];
  // @ts-expect-error misspelt attribute in create
  await AsyncJob.create({ credentialz: 'c' });
  // @ts-expect-error wrong kind of value in create
  await AsyncJob.create({ succeeded: { yes: true } });

  // Key types follow their declarations; locking and timestamps follow the options.
  const v = new Versionless();
  const at: Date | null = v.at;
  const born: Date | null = v.born;
  const id: string = v.id;
  void [at, born, id];
  // @ts-expect-error locking: false means no lockVersion
  void v.lockVersion;
  // @ts-expect-error custom timestamps replace createdAt
  void v.createdAt;

  // Metadata is on the class.
  const name: string = AsyncJob.tableFullName;
  const range: string | null = AsyncJob.tableRangeKey;
  void [name, range];
}
