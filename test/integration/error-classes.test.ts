/**
 * Error classes are named for what happened: a bad comparator is an InvalidCondition, a
 * consistent read of a global index or a page limit an InvalidArgument naming it, an illegal
 * table name an InvalidTableName; and every error class the package exports is a DynamoError.
 */
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import {
  attr,
  configure,
  DynamoError,
  InvalidArgument,
  InvalidCondition,
  InvalidSchema,
  InvalidTableName,
  registerValidator,
  Table,
  UnknownAttributeError,
  UnknownIndex,
  UnknownPrimaryKey,
  UnsupportedType,
} from '../../src/index.js';
import { createTableInput } from '../../src/connection/table-management.js';
import { useDynamo } from '../support/dynamo.js';

const { client, prefix, log } = useDynamo();

class Reading extends Table.schema({
  hashKey: 'sensor',
  rangeKey: 'at',
  attributes: { at: attr.integer(), kind: attr.string(), value: attr.float() },
  globalSecondaryIndexes: [{ hashKey: 'kind', projection: 'all' }],
  create: true,
}) {}

/** What `run` throws (or rejects with), checked to be sent before any request. */
async function thrown(run: () => unknown): Promise<unknown> {
  log.clear();
  const error = await (async () => run())().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(log.count()).toBe(0);
  return error;
}

describe('every exported error class', () => {
  it('extends DynamoError', () => {
    const errorClasses = Object.entries(api).filter(
      ([, value]) => typeof value === 'function' && value.prototype instanceof Error,
    );
    expect(errorClasses.length).toBeGreaterThan(30);
    const strays = errorClasses
      .filter(
        ([, value]) =>
          value !== DynamoError &&
          !((value as { prototype: object }).prototype instanceof DynamoError),
      )
      .map(([name]) => name);
    expect(strays).toEqual([]);
  });
});

describe('conditions and arguments', () => {
  it('an unknown comparator or a malformed between is an InvalidCondition, not a key error', async () => {
    for (const run of [
      () => Reading.query('s1', 'between', 5),
      () => Reading.where('sensor', '=', 's1').where('at', 'between', 5 as never),
      () => Reading.where('sensor', '=', 's1').where('at', 'like' as never, 5),
    ]) {
      const error = await thrown(run);
      expect(error).toBeInstanceOf(InvalidCondition);
      expect(error).not.toBeInstanceOf(UnknownPrimaryKey);
      expect(error).toBeInstanceOf(InvalidArgument);
    }
  });

  it('a consistent read of a global index is an InvalidArgument naming consistent and the index', async () => {
    for (const run of [
      () => Reading.findGlobal('kind', 'temp', { consistent: true } as never),
      () => Reading.where({ kind: 'temp' }).consistent().toArray(),
    ]) {
      const error = await thrown(run);
      expect(error).toBeInstanceOf(InvalidArgument);
      expect(error).not.toBeInstanceOf(UnknownIndex);
      expect((error as InvalidArgument).argument).toBe('consistent');
      expect((error as Error).message).toMatch(/kind_global/);
    }
  });

  it('a limit, a page limit, scan segments and a foreign merge are InvalidArguments naming them', async () => {
    const cases: [() => unknown, string][] = [
      [() => Reading.where({ sensor: 's1' }).limit(-1), 'limit'],
      [() => Reading.where({ sensor: 's1' }).page({ limit: 0 }), 'limit'],
      [() => Reading.scan({ segments: 0 }), 'segments'],
      [() => Reading.where({ sensor: 's1' }).merge(Other.where({ id: 'x' }) as never), 'other'],
    ];
    for (const [run, argument] of cases) {
      const error = await thrown(run);
      expect(error, argument).toBeInstanceOf(InvalidArgument);
      expect(error, argument).not.toBeInstanceOf(InvalidCondition);
      expect((error as InvalidArgument).argument).toBe(argument);
    }
  });

  it('a key that does not fit stays UnknownPrimaryKey', async () => {
    expect(await thrown(() => Reading.find('s1'))).toBeInstanceOf(UnknownPrimaryKey);
  });

  it('registering a validator under an unusable name is an InvalidArgument naming it', () => {
    for (const name of ['not a name', 'message', 'presence']) {
      let error: unknown;
      try {
        registerValidator(name, () => undefined);
      } catch (e) {
        error = e;
      }
      expect(error, name).toBeInstanceOf(InvalidArgument);
      expect((error as InvalidArgument).argument).toBe('name');
    }
  });
});

class Other extends Table.schema({ attributes: {} }) {}

describe('declarations', () => {
  it('an illegal declared table name is an InvalidTableName, not an UnsupportedType', () => {
    let error: unknown;
    try {
      class Bad extends Table.schema({ tableName: 'no spaces!', attributes: {} }) {}
      void Bad;
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidTableName);
    expect(error).not.toBeInstanceOf(UnsupportedType);
  });

  it('an illegal name made with the configured prefix is an InvalidTableName', async () => {
    try {
      configure({ client, tableNamePrefix: 'bad prefix;' });
      const error = await thrown(() => Reading.create({ sensor: 's1', at: 1 }));
      expect(error).toBeInstanceOf(InvalidTableName);
      expect((error as Error).message).toContain('Reading');
    } finally {
      configure({ client, tableNamePrefix: prefix });
    }
  });

  it('a key or index naming an undeclared attribute is an UnknownAttributeError', () => {
    expect(() => Table.schema({ globalSecondaryIndexes: [{ hashKey: 'undeclared' }] })).toThrow(
      UnknownAttributeError,
    );
  });

  it('a local index on a table without a range key is an InvalidSchema', () => {
    class NoRange extends Table.schema({
      attributes: { at: attr.datetime({ localSecondaryIndex: true }) },
    }) {}
    expect(() => createTableInput(NoRange)).toThrow(InvalidSchema);
  });

  it('a key of a type DynamoDB keys cannot have stays an UnsupportedType', () => {
    expect(() => Table.schema({ hashKey: 'flag', attributes: { flag: attr.boolean() } })).toThrow(
      UnsupportedType,
    );
  });
});
