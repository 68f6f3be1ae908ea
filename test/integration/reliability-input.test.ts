/**
 * Hostile and bad input: each is refused with an error naming model, attribute and value,
 * before any request is sent, so nothing is stored; and what is accepted is stored verbatim.
 */
import { GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  attr,
  AttributeAssignmentError,
  configure,
  DynamoError,
  InvalidCursor,
  Table,
  UnknownAttributeError,
  UnknownPrimaryKey,
  InvalidTableName,
} from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { log, client, prefix } = useDynamo();

class Account extends Table.schema({
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: {
    name: attr.string(),
    role: attr.string({ default: 'member' }),
    credits: attr.integer(),
    ratio: attr.float(),
    since: attr.datetime(),
    active: attr.boolean(),
    settings: attr.json<Record<string, unknown>>(),
    history: attr.serialized<unknown>(),
    tags: attr.stringSet(),
    scores: attr.integerSet(),
    days: attr.datetimeSet(),
  },
}) {}

class Entry extends Table.schema({
  hashKey: 'owner',
  rangeKey: 'at',
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { at: attr.integer(), text: attr.string() },
}) {}

class Odd extends Table.schema({
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: {
    'a.b': attr.string(),
    'x-y': attr.integer({ default: 0 }),
    '#n0': attr.string(),
    ':v0': attr.string(),
    'name with spaces': attr.json<unknown>(),
  },
}) {}

beforeAll(async () => {
  await Promise.all([Account.createTable(), Entry.createTable(), Odd.createTable()]);
});

afterEach(() => {
  // No test may leave anything on Object.prototype behind.
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

async function itemCount(table: string): Promise<number> {
  const out = await client.send(
    new ScanCommand({ TableName: `${prefix}${table}`, Select: 'COUNT', ConsistentRead: true }),
  );
  return out.Count ?? 0;
}

/** Asserts that `run` throws `type` with a message naming every part, and sends no write. */
async function refused(
  run: () => unknown,
  type: new (...args: never[]) => Error,
  ...parts: string[]
): Promise<Error> {
  log.clear();
  let caught: unknown;
  try {
    await run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(type);
  for (const part of parts) expect((caught as Error).message).toContain(part);
  expect(log.operations.filter((o) => /Put|Update|Delete|Write/.test(o))).toEqual([]);
  return caught as Error;
}

describe('mass assignment of unknown attributes', () => {
  it('is refused in the constructor, create, assignAttributes and update, naming model and attribute', async () => {
    const before = await itemCount('accounts');
    await refused(
      () => new Account({ name: 'x', isAdmin: true } as never),
      UnknownAttributeError,
      'Account',
      'isAdmin',
    );
    await refused(
      () => Account.create({ name: 'x', isAdmin: true } as never),
      UnknownAttributeError,
      'Account',
      'isAdmin',
    );
    const account = await Account.create({ name: 'plain' });
    await refused(
      () => account.assignAttributes({ role: 'admin', isAdmin: true }),
      UnknownAttributeError,
      'isAdmin',
    );
    await refused(
      () => account.update({ role: 'admin', isAdmin: true } as never),
      UnknownAttributeError,
      'isAdmin',
    );
    // @ts-expect-error: an unknown name
    await refused(() => account.writeAttribute('isAdmin', true), UnknownAttributeError, 'isAdmin');
    expect(await itemCount('accounts')).toBe(before + 1);
    expect((await Account.find(account.id, { consistent: true })).role).toBe('member');
  });

  it('refuses __proto__, constructor and prototype keys from parsed request bodies without polluting', async () => {
    for (const body of [
      '{"name":"x","__proto__":{"polluted":"yes","role":"admin"}}',
      '{"name":"x","constructor":{"prototype":{"polluted":"yes"}}}',
      '{"name":"x","prototype":{"polluted":"yes"}}',
    ]) {
      const key = Object.keys(JSON.parse(body) as object)[1]!;
      await refused(
        () => Account.create(JSON.parse(body) as never),
        UnknownAttributeError,
        'Account',
        key,
      );
    }
    const account = new Account({ name: 'x' });
    expect(account.role).toBe('member');
    expect((account as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('values of the wrong kind', () => {
  const cases: [string, unknown, string][] = [
    ['credits', 'Edwin', '"Edwin"'],
    ['credits', '86400-extra', '"86400-extra"'],
    ['credits', 3.14, '3.14'],
    ['credits', true, 'true'],
    ['credits', { n: 1 }, 'object'],
    ['credits', Number.NaN, 'NaN'],
    ['credits', Number.POSITIVE_INFINITY, 'Infinity'],
    ['credits', '123456789012345678901234567890123456789012', '"1234567890'],
    ['credits', 2n ** 70n, '1180591620717411303424'],
    ['ratio', Number.NaN, 'NaN'],
    ['ratio', Number.NEGATIVE_INFINITY, '-Infinity'],
    ['ratio', 1e200, '1e+200'],
    ['ratio', 1e-200, '1e-200'],
    ['ratio', 'NaN', '"NaN"'],
    ['ratio', 'Infinity', '"Infinity"'],
    ['name', { toString: () => 'sneaky' }, 'object'],
    ['name', ['a'], 'array'],
    ['name', Number.NaN, 'NaN'],
    ['since', 'not a date', '"not a date"'],
    ['since', Number.NaN, 'NaN'],
    ['since', 8.64e15 + 1, '8640000000000001'],
    ['active', 'yes', '"yes"'],
    ['active', 2, '2'],
    ['settings', { n: Number.NaN }, 'object'],
    ['settings', { when: new Date() }, 'object'],
    ['settings', { big: 1e300 }, 'object'],
    ['history', [Number.POSITIVE_INFINITY], 'array'],
    ['tags', ['a', 'a'], 'array'],
    ['tags', ['a', 1], 'array'],
    ['tags', ['a', ''], 'array'],
    ['tags', 'a', '"a"'],
    ['scores', [1, '1'], 'array'],
    ['scores', [1, Number.NaN], 'array'],
    ['days', [0, new Date(0)], 'array'],
  ];

  it.each(cases)(
    '%s = %o is refused naming model, attribute and value, nothing stored',
    async (name, value, shown) => {
      const before = await itemCount('accounts');
      const error = await refused(
        () => Account.create({ name: 'bad', [name]: value } as never),
        AttributeAssignmentError,
        'Account',
        `Account.${name}`,
        shown,
      );
      expect(error.message).not.toContain('undefined');
      const existing = await Account.create({ name: 'good' });
      await refused(
        () => existing.writeAttribute(name as never, value as never),
        AttributeAssignmentError,
        `Account.${name}`,
      );
      expect(await itemCount('accounts')).toBe(before + 1);
    },
  );

  it('keeps the value a failed assignment would have replaced', async () => {
    const account = new Account({ credits: 5 });
    expect(() => (account.credits = 'lots' as never)).toThrow(AttributeAssignmentError);
    expect(account.credits).toBe(5);
    expect(account.isChanged('credits')).toBe(true);
    expect(account.changes()).toEqual({ credits: [null, 5] });
  });

  it('stores the extremes DynamoDB allows exactly', async () => {
    const account = await Account.create({
      credits: Number.MAX_SAFE_INTEGER,
      ratio: 9.99e125,
      since: new Date(8.64e15),
      scores: [Number.MIN_SAFE_INTEGER, 0],
      settings: { tiny: 1e-130, negative: -9.99e125, zero: -0 },
    });
    const found = await Account.find(account.id, { consistent: true });
    expect(found.credits).toBe(Number.MAX_SAFE_INTEGER);
    expect(found.ratio).toBe(9.99e125);
    expect(found.since?.getTime()).toBe(8.64e15);
    expect(found.scores).toEqual([Number.MIN_SAFE_INTEGER, 0]);
    expect(found.settings).toEqual({ tiny: 1e-130, negative: -9.99e125, zero: 0 });
  });
});

describe('keys', () => {
  it('refuses an oversized hash key before sending, naming the model and key attribute', async () => {
    await refused(
      () => Account.create({ id: 'k'.repeat(2049) }),
      DynamoError,
      'Account.id',
      'hash key',
      '2049',
    );
  });

  it('refuses an oversized range key before sending', async () => {
    class Diary extends Table.schema({
      hashKey: 'owner',
      rangeKey: 'day',
      attributes: { day: attr.string() },
    }) {}
    await refused(
      () => Diary.create({ owner: 'o', day: 'd'.repeat(1025) }),
      DynamoError,
      'Diary.day',
      'range key',
      '1025',
    );
  });

  it('refuses empty keys in finds before sending, naming the model and key', async () => {
    await refused(() => Account.find(''), UnknownPrimaryKey, 'Account', 'id');
    await refused(() => Account.find(null), UnknownPrimaryKey, 'Account', 'id');
    await refused(() => Entry.find('owner'), UnknownPrimaryKey, 'Entry', 'at');
    await refused(
      () => Entry.find('owner', 'soon'),
      AttributeAssignmentError,
      'Entry.at',
      '"soon"',
    );
    log.clear();
    await expect(Account.find('k'.repeat(2049))).rejects.toThrow(/Account\.id.*hash key.*2049/);
    expect(log.operations).toEqual([]);
  });

  it('validates an empty range key on create: save is false and nothing is stored', async () => {
    const before = await itemCount('entries');
    const entry = new Entry({ owner: 'o', text: 'no range' });
    expect(await entry.save()).toBe(false);
    expect(entry.errors.get('at')).toEqual(["can't be blank"]);
    expect(await itemCount('entries')).toBe(before);
  });
});

describe('item size', () => {
  it('refuses a create over 400 KB before sending, naming the model and size', async () => {
    const before = await itemCount('accounts');
    await refused(
      () => Account.create({ name: 'x'.repeat(410 * 1024) }),
      DynamoError,
      'Account',
      '400 KB',
    );
    expect(await itemCount('accounts')).toBe(before);
  });

  it('refuses an update that would grow the item over 400 KB, before sending, and keeps the stored item', async () => {
    const account = await Account.create({ name: 'x'.repeat(200 * 1024) });
    account.history = 'y'.repeat(220 * 1024);
    await refused(() => account.save(), DynamoError, 'Account', '400 KB');
    expect(account.lockVersion).toBe(0);
    expect(account.isChanged('history')).toBe(true);
    const stored = await Account.find(account.id, { consistent: true });
    expect(stored.history).toBeNull();
    expect(stored.lockVersion).toBe(0);
  });

  it('accepts an item just under the limit', async () => {
    const account = await Account.create({ name: 'x'.repeat(399 * 1024) });
    expect((await Account.find(account.id, { consistent: true })).name).toHaveLength(399 * 1024);
  });
});

/** JSON with keys sorted: DynamoDB maps do not keep key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('prototype keys inside json and serialized values', () => {
  it('round-trip as plain own keys without touching any prototype', async () => {
    const hostile = JSON.parse(
      '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"list":[{"__proto__":{"polluted":1}}],"toString":"x"}',
    ) as Record<string, unknown>;
    const account = await Account.create({ settings: hostile, history: hostile });
    expect(Object.getPrototypeOf(account.settings)).toBe(Object.prototype);

    const found = await Account.find(account.id, { consistent: true });
    for (const value of [found.settings, found.history] as Record<string, unknown>[]) {
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.keys(value).sort()).toEqual(['__proto__', 'constructor', 'list', 'toString']);
      expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({
        polluted: 'yes',
      });
      expect(value.polluted).toBeUndefined();
      expect(canonical(value)).toBe(canonical(hostile));
    }
    const raw = await client.send(
      new GetItemCommand({ TableName: `${prefix}accounts`, Key: { id: { S: account.id } } }),
    );
    expect(Object.keys(raw.Item!.settings!.M!)).toContain('__proto__');
    expect(JSON.stringify(found.toJSON())).toContain('"__proto__":{"polluted":"yes"}');
  });
});

describe('values and names that look like expression syntax', () => {
  const tricky = [
    ':v0',
    '#n0',
    'attribute_not_exists(id)',
    'SET role = :v1 REMOVE name',
    "' OR 1=1 --",
    '${name}',
    '{"S":"x"}',
  ];

  it('are stored verbatim as values, on create and update', async () => {
    for (const text of tricky) {
      const account = await Account.create({ name: text, role: text, tags: [text] });
      account.role = `${text}!`;
      await account.saveOrThrow();
      const found = await Account.find(account.id, { consistent: true });
      expect([found.name, found.role, found.tags]).toEqual([text, `${text}!`, [text]]);
      const keyed = await Account.create({
        id: text.replace(/\W/g, '_') + text.length,
        name: text,
      });
      expect((await Account.find(keyed.id, { consistent: true })).name).toBe(text);
    }
  });

  it("work as attribute names ('a.b', 'x-y', '#n0', ':v0', spaces) through create, update, increment, reload", async () => {
    const odd = await Odd.create({
      'a.b': 'dotted',
      '#n0': 'hash',
      ':v0': 'colon',
      'name with spaces': { 'k.e.y': [':v1'] },
    });
    odd.writeAttribute('a.b', 'changed');
    odd.writeAttribute(':v0', '');
    await odd.saveOrThrow();
    expect(await odd.increment('x-y', 3)).toBe(3);
    await odd.reload();
    expect(odd.attributes).toMatchObject({
      'a.b': 'changed',
      'x-y': 3,
      '#n0': 'hash',
      ':v0': '',
      'name with spaces': { 'k.e.y': [':v1'] },
    });
    const raw = await client.send(
      new GetItemCommand({ TableName: `${prefix}odds`, Key: { id: { S: odd.id } } }),
    );
    // Stored under the literal names: no path was followed, no placeholder was taken literally.
    expect(Object.keys(raw.Item!).sort()).toEqual([
      '#n0',
      'a.b',
      'createdAt',
      'id',
      'lockVersion',
      'name with spaces',
      'updatedAt',
      'x-y',
    ]);
    expect(await odd.destroy()).toBe(true);
  });
});

describe('table names', () => {
  it('refuses an illegal declared table name when the class is defined', () => {
    expect(
      () => class Bad extends Table.schema({ tableName: 'no spaces!', attributes: {} }) {},
    ).toThrow(/no spaces!/);
    expect(() => class Bad2 extends Table.schema({ tableName: 'a/b', attributes: {} }) {}).toThrow(
      /a\/b/,
    );
  });

  it('refuses an illegal configured prefix before sending anything', async () => {
    try {
      configure({ client, tableNamePrefix: 'bad prefix;' });
      log.clear();
      const error = await Account.create({ name: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidTableName);
      expect((error as Error).message).toContain('bad prefix;accounts');
      expect((error as Error).message).toContain('Account');
      expect(log.operations).toEqual([]);
    } finally {
      configure({ client, tableNamePrefix: prefix });
    }
  });
});

describe('cursors', () => {
  it.each([
    ['not base64 JSON', 'garbage'],
    ['empty', ''],
    ['missing fields', Buffer.from('{"v":1}').toString('base64url')],
    [
      'prototype keys',
      Buffer.from('{"__proto__":{"polluted":1},"v":1,"f":"x","k":{}}').toString('base64url'),
    ],
    ['oversized', 'x'.repeat(100_000)],
  ])('refuses a cursor (%s) as InvalidCursor before sending', async (_label, cursor) => {
    log.clear();
    await expect(Entry.queryPage('owner', { limit: 2, after: cursor })).rejects.toBeInstanceOf(
      InvalidCursor,
    );
    expect(log.operations).toEqual([]);
  });
});
