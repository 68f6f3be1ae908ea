// Typed names: attribute names are the model's own (a misspelt one does not compile), values
// and outputs are typed per attribute, and string callbacks name a method of the model.
// Checked by `tsc`; each `@ts-expect-error` line must fail to compile. Nothing here runs.
import {
  attr,
  Table,
  type AttributeName,
  type Changes,
  type JsonAttributes,
  type MethodName,
} from '../../src/index.js';
import { assertType, type Equal } from './support/assert-type.js';

class Job extends Table.schema({
  hashKey: 'guid',
  attributes: {
    name: attr.string(),
    runs: attr.integer(),
    dueAt: attr.datetime(),
    moments: attr.datetimeSet(),
    done: attr.boolean(),
  },
}) {
  static {
    this.validates('name', { presence: true, if: 'isNamed', unless: (job) => job.runs === 0 });
    this.validates(['name', 'guid'], { length: { maximum: 80 } });
    this.validatesEach(['runs', 'dueAt'], (job, attribute, value) => {
      assertType<Equal<typeof job, Job>>();
      assertType<Equal<typeof attribute, 'runs' | 'dueAt'>>();
      assertType<Equal<typeof value, number | Date | null>>();
    });
    this.validate('checkDue', { if: 'isNamed' });
    this.beforeSave('normalize');
    this.aroundSave('timed');
    this.afterCommit((job) => job.normalize());

    // @ts-expect-error: a misspelt attribute does not compile
    this.validates('nmae', { presence: true });
    // @ts-expect-error: a misspelt attribute in a list
    this.validates(['name', 'rnus'], { presence: true });
    // @ts-expect-error: validatesEach takes attribute names
    this.validatesEach(['nmae'], () => {});
    // @ts-expect-error: a callback names a method of the model
    this.beforeSave('normalise');
    // @ts-expect-error: an attribute is not a method
    this.beforeSave('name');
    // @ts-expect-error: a method that needs an argument cannot be a callback
    this.beforeSave('rename');
    // @ts-expect-error: a condition names a method of the model
    this.validates('name', { presence: true, if: 'isNamd' });
    // @ts-expect-error: validate names a method of the model
    this.validate('checkDeu');
  }
  isNamed(): boolean {
    return this.name !== '';
  }
  checkDue(): void {}
  normalize(): void {
    this.name = this.name.trim();
  }
  async timed(next: () => Promise<void>): Promise<void> {
    await next();
  }
  rename(name: string): void {
    this.name = name;
  }
}

export async function checks(): Promise<void> {
  assertType<
    Equal<
      AttributeName<Job>,
      | 'guid'
      | 'name'
      | 'runs'
      | 'dueAt'
      | 'moments'
      | 'done'
      | 'createdAt'
      | 'updatedAt'
      | 'lockVersion'
    >
  >();
  // Methods callable without arguments, besides Table's own (save, reload, …).
  assertType<Equal<Exclude<MethodName<Job>, keyof Table>, 'isNamed' | 'checkDue' | 'normalize'>>();
  // Generic code over Table keeps `string` names.
  assertType<Equal<AttributeName<Table>, string>>();

  const job = new Job({ name: 'n' });
  // readAttribute / writeAttribute / attributeWas / isChanged take the model's names.
  const runs = job.readAttribute('runs');
  assertType<Equal<typeof runs, number | null>>();
  assertType<Equal<ReturnType<typeof job.readAttribute<'dueAt'>>, Date | null>>();
  job.writeAttribute('runs', 3);
  job.writeAttribute('runs', '3');
  job.writeAttribute('dueAt', new Date());
  const was = job.attributeWas('name');
  assertType<Equal<typeof was, string>>();
  assertType<Equal<ReturnType<typeof job.isChanged>, boolean>>();
  job.isChanged('done');
  await job.touch('dueAt');
  const incremented = await job.increment('runs', 2);
  assertType<Equal<typeof incremented, number>>();
  // @ts-expect-error: a misspelt name
  job.readAttribute('nmae');
  // @ts-expect-error: a misspelt name
  job.writeAttribute('nmae', 'x');
  // @ts-expect-error: a misspelt name
  job.attributeWas('rnus');
  // @ts-expect-error: a misspelt name
  job.isChanged('doen');
  // @ts-expect-error: touch takes a datetime attribute
  await job.touch('name');
  // @ts-expect-error: increment takes a number attribute
  await job.increment('name');

  // attributes, changes() and toJSON() are typed per attribute.
  assertType<
    Equal<
      typeof job.attributes,
      {
        guid: string;
        name: string;
        runs: number | null;
        dueAt: Date | null;
        moments: Date[];
        done: boolean | null;
        createdAt: Date | null;
        updatedAt: Date | null;
        lockVersion: number;
      }
    >
  >();
  const changes = job.changes();
  assertType<Equal<typeof changes, Changes<Job>>>();
  assertType<
    Equal<typeof changes.runs, [previous: number | null, current: number | null] | undefined>
  >();
  const json = job.toJSON();
  assertType<Equal<typeof json, JsonAttributes<Job>>>();
  assertType<Equal<typeof json.dueAt, string | null>>();
  assertType<Equal<typeof json.moments, string[]>>();
  assertType<Equal<typeof json.runs, number | null>>();
  assertType<Equal<typeof json.createdAt, string | null>>();

  // { if } conditions of writes are typed as where's.
  await job.save({ if: { runs: 3 } });
  await job.save({ if: [['runs', '>', 2]] });
  await job.update({ name: 'm' }, { if: { name: 'n' } });
  await job.destroy({
    if: [
      ['dueAt', '<', new Date()],
      ['name', 'begins_with', 'n'],
    ],
  });
  // @ts-expect-error: a misspelt name in a condition
  await job.save({ if: { rnus: 3 } });
  // @ts-expect-error: a value of the wrong kind in a condition
  await job.destroy({ if: { runs: true } });
  // @ts-expect-error: begins_with takes string attributes
  await job.saveOrThrow({ if: [['runs', 'begins_with', '1']] });
  // @ts-expect-error: a misspelt name in a triple
  await job.updateOrThrow({}, { if: [['nmae', '=', 'x']] });
}
