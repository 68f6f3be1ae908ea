import { describe, expect, it } from 'vitest';
import {
  Errors,
  ValidationRules,
  type ValidatableRecord,
  type ValidatesOptions,
} from '../../src/validations/index.js';

class FakeRecord implements ValidatableRecord {
  readonly errors = new Errors();
  constructor(readonly values: { [name: string]: unknown } = {}) {}
  readAttribute(name: string): unknown {
    return this.values[name];
  }
}

/** The messages `options` give for `value` as the `name` attribute. */
async function messagesFor(
  options: ValidatesOptions<FakeRecord>,
  value: unknown,
): Promise<string[]> {
  const rules = new ValidationRules<FakeRecord>();
  rules.validates('name', options);
  const record = new FakeRecord({ name: value });
  await rules.run(record, 'create');
  return record.errors.get('name');
}

describe('presence', () => {
  it.each([[null], [undefined], [''], ['  \n\t'], [false], [[]], [new Set()], [new Map()], [{}]])(
    'rejects the blank value %j',
    async (value) => {
      expect(await messagesFor({ presence: true }, value)).toEqual(["can't be blank"]);
    },
  );

  it.each([['x'], [0], [true], [[0]], [new Set([1])], [{ a: 1 }], [new Date(0)]])(
    'accepts the present value %j',
    async (value) => {
      expect(await messagesFor({ presence: true }, value)).toEqual([]);
    },
  );
});

describe('absence', () => {
  it('rejects a present value with "must be blank"', async () => {
    expect(await messagesFor({ absence: true }, 'x')).toEqual(['must be blank']);
  });

  it.each([[null], [''], ['  '], [[]]])('accepts the blank value %j', async (value) => {
    expect(await messagesFor({ absence: true }, value)).toEqual([]);
  });
});

describe('length', () => {
  it.each([
    [{ maximum: 3 }, 'abcd', ['is too long (maximum is 3 characters)']],
    [{ maximum: 1 }, 'ab', ['is too long (maximum is 1 character)']],
    [{ minimum: 2 }, 'a', ['is too short (minimum is 2 characters)']],
    [{ minimum: 1 }, '', ['is too short (minimum is 1 character)']],
    [{ is: 2 }, 'abc', ['is the wrong length (should be 2 characters)']],
    [{ is: 1 }, '', ['is the wrong length (should be 1 character)']],
    [{ in: [2, 3] as const }, 'a', ['is too short (minimum is 2 characters)']],
    [{ in: [2, 3] as const }, 'abcd', ['is too long (maximum is 3 characters)']],
    [{ maximum: 2 }, [1, 2, 3], ['is too long (maximum is 2 characters)']],
    [{ maximum: 1 }, new Set([1, 2]), ['is too long (maximum is 1 character)']],
    [{ minimum: 1, maximum: 3 }, null, ['is too short (minimum is 1 character)']],
    [{ is: 3 }, null, ['is the wrong length (should be 3 characters)']],
  ] as const)('%j on %j gives %j', async (length, value, expected) => {
    expect(await messagesFor({ length }, value)).toEqual(expected);
  });

  it.each([
    [{ maximum: 3 }, 'abc'],
    [{ minimum: 3 }, 'abc'],
    [{ is: 3 }, [1, 2, 3]],
    [{ in: [1, 3] as const }, 'ab'],
    [{ maximum: 3 }, null],
    [{ maximum: 2 }, '😀😀'],
  ] as const)('%j accepts %j', async (length, value) => {
    expect(await messagesFor({ length }, value)).toEqual([]);
  });

  it('takes [min, max] as shorthand for in', async () => {
    expect(await messagesFor({ length: [2, 3] }, 'a')).toEqual([
      'is too short (minimum is 2 characters)',
    ]);
  });
});

describe('format', () => {
  it('rejects a value that does not match with', async () => {
    expect(await messagesFor({ format: { with: /^\d+$/ } }, 'abc')).toEqual(['is invalid']);
    expect(await messagesFor({ format: { with: /^\d+$/ } }, '123')).toEqual([]);
  });

  it('rejects a value that matches without', async () => {
    expect(await messagesFor({ format: { without: /admin/ } }, 'admin1')).toEqual(['is invalid']);
    expect(await messagesFor({ format: { without: /admin/ } }, 'bob')).toEqual([]);
  });

  it('reads null as an empty string', async () => {
    expect(await messagesFor({ format: { with: /^$/ } }, null)).toEqual([]);
    expect(await messagesFor({ format: { with: /^\d+$/ } }, null)).toEqual(['is invalid']);
  });

  it('takes a RegExp as shorthand for with', async () => {
    expect(await messagesFor({ format: /^\d+$/ }, 'abc')).toEqual(['is invalid']);
  });

  it('gives the same answer on every run with a global pattern', async () => {
    const rules = new ValidationRules<FakeRecord>();
    rules.validates('name', { format: { with: /\d/g } });
    const record = new FakeRecord({ name: 'a1' });
    const results = [await rules.run(record, 'create'), await rules.run(record, 'create')];
    expect(results).toEqual([true, true]);
  });
});

describe('numericality', () => {
  it.each([['abc'], [null], [''], ['12abc'], [true], [Number.NaN], [{}], ['0x1A']])(
    'says %j "is not a number"',
    async (value) => {
      expect(await messagesFor({ numericality: true }, value)).toEqual(['is not a number']);
    },
  );

  it.each([[12], [-1.5], ['12'], [' 12 '], ['-3.25'], ['1e3'], ['1E3'], ['.5']])(
    'accepts %j',
    async (value) => {
      expect(await messagesFor({ numericality: true }, value)).toEqual([]);
    },
  );

  it.each([[1.5], ['1.0'], ['2.5']])(
    'says %j "must be an integer" under onlyInteger',
    async (value) => {
      expect(await messagesFor({ numericality: { onlyInteger: true } }, value)).toEqual([
        'must be an integer',
      ]);
    },
  );

  it.each([[3], ['-4'], [2.0]])('accepts the integer %j under onlyInteger', async (value) => {
    expect(await messagesFor({ numericality: { onlyInteger: true } }, value)).toEqual([]);
  });

  it.each([
    [{ greaterThan: 5 }, 5, 'must be greater than 5'],
    [{ greaterThanOrEqualTo: 5 }, 4, 'must be greater than or equal to 5'],
    [{ lessThan: 5 }, 5, 'must be less than 5'],
    [{ lessThanOrEqualTo: 5 }, '6', 'must be less than or equal to 5'],
    [{ equalTo: 5 }, 4, 'must be equal to 5'],
    [{ otherThan: 5 }, 5, 'must be other than 5'],
    [{ odd: true }, 4, 'must be odd'],
    [{ even: true }, -3, 'must be even'],
  ] as const)('%j on %j gives "%s"', async (numericality, value, message) => {
    expect(await messagesFor({ numericality }, value)).toEqual([message]);
  });

  it.each([
    [{ greaterThan: 5 }, 6],
    [{ greaterThanOrEqualTo: 5 }, 5],
    [{ lessThan: 5 }, 4],
    [{ lessThanOrEqualTo: 5 }, 5],
    [{ equalTo: 5 }, '5'],
    [{ otherThan: 5 }, 4],
    [{ odd: true }, -3],
    [{ even: true }, 4],
  ] as const)('%j accepts %j', async (numericality, value) => {
    expect(await messagesFor({ numericality }, value)).toEqual([]);
  });

  it('reports every failed bound', async () => {
    expect(await messagesFor({ numericality: { greaterThan: 10, even: true } }, 3)).toEqual([
      'must be greater than 10',
      'must be even',
    ]);
  });

  it('takes a bound from a function of the record', async () => {
    const rules = new ValidationRules<FakeRecord>();
    rules.validates('name', {
      numericality: { lessThanOrEqualTo: (r) => Number(r.readAttribute('limit')) },
    });
    const record = new FakeRecord({ name: 8, limit: 7 });
    await rules.run(record, 'create');
    expect(record.errors.get('name')).toEqual(['must be less than or equal to 7']);
  });
});

describe('inclusion and exclusion', () => {
  it('says a value outside the list "is not included in the list"', async () => {
    expect(await messagesFor({ inclusion: { in: ['a', 'b'] } }, 'c')).toEqual([
      'is not included in the list',
    ]);
    expect(await messagesFor({ inclusion: { in: new Set(['a', 'b']) } }, 'c')).toEqual([
      'is not included in the list',
    ]);
    expect(await messagesFor({ inclusion: { in: ['a', 'b'] } }, 'b')).toEqual([]);
    expect(await messagesFor({ inclusion: { in: new Set(['a', 'b']) } }, 'b')).toEqual([]);
  });

  it('requires every element of an array value to be included', async () => {
    expect(await messagesFor({ inclusion: ['a', 'b'] }, ['a', 'c'])).toEqual([
      'is not included in the list',
    ]);
    expect(await messagesFor({ inclusion: ['a', 'b'] }, ['a', 'b'])).toEqual([]);
  });

  it('says a listed value "is reserved"', async () => {
    expect(await messagesFor({ exclusion: { in: ['www', 'admin'] } }, 'www')).toEqual([
      'is reserved',
    ]);
    expect(await messagesFor({ exclusion: new Set(['www']) }, 'www')).toEqual(['is reserved']);
    expect(await messagesFor({ exclusion: new Set(['www']) }, 'blog')).toEqual([]);
  });

  it('rejects an array value with any reserved element, and accepts an empty one', async () => {
    expect(await messagesFor({ exclusion: ['www'] }, ['blog', 'www'])).toEqual(['is reserved']);
    expect(await messagesFor({ exclusion: ['www'] }, [])).toEqual([]);
  });
});

describe('acceptance', () => {
  it.each([['1'], [true], [null], [undefined]])('accepts %j by default', async (value) => {
    expect(await messagesFor({ acceptance: true }, value)).toEqual([]);
  });

  it.each([['yes'], [false], ['0'], ['']])(
    'says %j "must be accepted" by default',
    async (value) => {
      expect(await messagesFor({ acceptance: true }, value)).toEqual(['must be accepted']);
    },
  );

  it('accepts only the accept values given', async () => {
    expect(await messagesFor({ acceptance: { accept: ['yes'] } }, 'yes')).toEqual([]);
    expect(await messagesFor({ acceptance: { accept: 'yes' } }, '1')).toEqual(['must be accepted']);
  });

  it('rejects null under allowNil: false', async () => {
    expect(await messagesFor({ acceptance: { allowNil: false } }, null)).toEqual([
      'must be accepted',
    ]);
    expect(await messagesFor({ acceptance: true, allowNil: false }, null)).toEqual([
      'must be accepted',
    ]);
  });
});

describe('custom messages', () => {
  it.each([
    [{ presence: { message: 'is required' } }, ''],
    [{ absence: { message: 'is required' } }, 'x'],
    [{ length: { maximum: 1, message: 'is required' } }, 'ab'],
    [{ format: { with: /^\d$/, message: 'is required' } }, 'a'],
    [{ numericality: { message: 'is required' } }, 'a'],
    [{ inclusion: { in: ['a'], message: 'is required' } }, 'b'],
    [{ exclusion: { in: ['a'], message: 'is required' } }, 'a'],
    [{ acceptance: { message: 'is required' } }, 'no'],
  ] as const)('%j replaces the default message', async (options, value) => {
    expect(await messagesFor(options, value)).toEqual(['is required']);
  });

  it('interpolates %{count}, %{value} and %{attribute}', async () => {
    const message = '%{attribute} %{value} has over %{count}';
    expect(await messagesFor({ length: { maximum: 2, message } }, 'abc')).toEqual([
      'Name abc has over 2',
    ]);
  });

  it('calls a message function with the record, attribute and value', async () => {
    const message = (record: FakeRecord, attribute: string, value: unknown) =>
      `${attribute}=${String(value)} of ${String(record.readAttribute('kind'))}`;
    const rules = new ValidationRules<FakeRecord>();
    rules.validates('name', { format: { with: /^\d$/, message } });
    const record = new FakeRecord({ name: 'x', kind: 'job' });
    await rules.run(record, 'create');
    expect(record.errors.get('name')).toEqual(['name=x of job']);
  });
});
