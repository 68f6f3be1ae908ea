import { describe, expect, it } from 'vitest';
import {
  Errors,
  registerValidator,
  ValidationDeclarationError,
  ValidationRules,
  type ValidatableRecord,
  type ValidationContext,
} from '../../src/validations/index.js';

class Job implements ValidatableRecord {
  readonly errors = new Errors();
  checked: string[] = [];
  constructor(readonly values: { [name: string]: unknown } = {}) {}
  readAttribute(name: string): unknown {
    return this.values[name];
  }
  isScheduled(): boolean {
    return this.values['scheduled'] === true;
  }
  checkSchedule(): void {
    if (this.values['runAt'] === 'never') this.errors.add('runAt', 'is never');
  }
}

async function run(
  rules: ValidationRules<Job>,
  values: Job['values'],
  context: ValidationContext = 'create',
) {
  const job = new Job(values);
  const valid = await rules.run(job, context);
  return { valid, job, errors: job.errors.toJSON() };
}

function rulesWith(declare: (rules: ValidationRules<Job>) => void): ValidationRules<Job> {
  const rules = new ValidationRules<Job>();
  declare(rules);
  return rules;
}

function declarationError(
  declare: (rules: ValidationRules<Job>) => void,
): ValidationDeclarationError {
  try {
    declare(new ValidationRules<Job>());
  } catch (error) {
    if (error instanceof ValidationDeclarationError) return error;
    throw error;
  }
  throw new Error('the declaration did not throw');
}

describe('ValidationRules.run', () => {
  it('resolves to true and leaves errors empty when every rule passes', async () => {
    const rules = rulesWith((r) => r.validates('name', { presence: true }));
    expect(await run(rules, { name: 'x' })).toMatchObject({ valid: true, errors: {} });
  });

  it('resolves to false with the messages when a rule fails', async () => {
    const rules = rulesWith((r) => r.validates('name', { presence: true }));
    expect(await run(rules, {})).toMatchObject({
      valid: false,
      errors: { name: ["can't be blank"] },
    });
  });

  it('clears errors from an earlier run', async () => {
    const rules = rulesWith((r) => r.validates('name', { presence: true }));
    const job = new Job({});
    job.errors.add('base', 'stale');
    expect(await rules.run(job, 'create')).toBe(false);
    job.values['name'] = 'x';
    expect(await rules.run(job, 'update')).toBe(true);
    expect(job.errors.isEmpty()).toBe(true);
  });

  it('runs validators in declaration order, each over the attributes in order', async () => {
    const rules = rulesWith((r) => {
      r.validates(['name', 'title'], { presence: true, length: { minimum: 2 } });
      r.validates('name', { format: /^\d+$/ });
    });
    const { job } = await run(rules, {});
    expect([...job.errors]).toEqual([
      ['name', "can't be blank"],
      ['name', 'is too short (minimum is 2 characters)'],
      ['name', 'is invalid'],
      ['title', "can't be blank"],
      ['title', 'is too short (minimum is 2 characters)'],
    ]);
    expect(job.errors.fullMessages[0]).toBe("Name can't be blank");
  });

  it('skips a validator whose value is false', async () => {
    const rules = rulesWith((r) => r.validates('name', { presence: false, absence: true }));
    expect((await run(rules, {})).valid).toBe(true);
  });
});

describe('on', () => {
  it('runs a rule only in its context', async () => {
    const rules = rulesWith((r) => {
      r.validates('name', { presence: true, on: 'create' });
      r.validates('title', { presence: { on: 'update' } });
    });
    expect((await run(rules, {}, 'create')).errors).toEqual({ name: ["can't be blank"] });
    expect((await run(rules, {}, 'update')).errors).toEqual({ title: ["can't be blank"] });
  });

  it('accepts a list of contexts', async () => {
    const rules = rulesWith((r) =>
      r.validates('name', { presence: true, on: ['create', 'update'] }),
    );
    expect((await run(rules, {}, 'update')).valid).toBe(false);
  });
});

describe('if and unless', () => {
  it('runs a rule when its if function holds', async () => {
    const rules = rulesWith((r) =>
      r.validates('runAt', { presence: true, if: (job) => job.isScheduled() }),
    );
    expect((await run(rules, { scheduled: true })).valid).toBe(false);
    expect((await run(rules, { scheduled: false })).valid).toBe(true);
  });

  it('calls an if method by name on the record', async () => {
    const rules = rulesWith((r) => r.validates('runAt', { presence: { if: 'isScheduled' } }));
    expect((await run(rules, { scheduled: true })).valid).toBe(false);
    expect((await run(rules, {})).valid).toBe(true);
  });

  it('awaits an async condition', async () => {
    const rules = rulesWith((r) => r.validates('runAt', { presence: true, if: async () => false }));
    expect((await run(rules, {})).valid).toBe(true);
  });

  it('needs every if to hold and no unless to', async () => {
    const rules = rulesWith((r) =>
      r.validates('runAt', {
        presence: true,
        if: ['isScheduled', () => true],
        unless: (job) => job.values['paused'] === true,
      }),
    );
    expect((await run(rules, { scheduled: true })).valid).toBe(false);
    expect((await run(rules, { scheduled: true, paused: true })).valid).toBe(true);
  });

  it('throws a clear error when the named method does not exist', async () => {
    const rules = rulesWith((r) => r.validates('runAt', { presence: true, if: 'isPlanned' }));
    await expect(run(rules, {})).rejects.toThrow("validate: 'isPlanned' is not a method of Job");
  });
});

describe('allowNil and allowBlank', () => {
  it('skips null and undefined under allowNil, but not blank strings', async () => {
    const rules = rulesWith((r) => r.validates('name', { length: { minimum: 2 }, allowNil: true }));
    expect((await run(rules, { name: null })).valid).toBe(true);
    expect((await run(rules, {})).valid).toBe(true);
    expect((await run(rules, { name: '' })).valid).toBe(false);
  });

  it('skips blank values under allowBlank', async () => {
    const rules = rulesWith((r) => r.validates('name', { format: /^\d+$/, allowBlank: true }));
    expect((await run(rules, { name: '  ' })).valid).toBe(true);
    expect((await run(rules, { name: 'a' })).valid).toBe(false);
  });
});

describe('top-level options and a validator’s own', () => {
  it('applies a top-level message to every validator', async () => {
    const rules = rulesWith((r) =>
      r.validates('name', { presence: true, length: { minimum: 2 }, message: 'is bad' }),
    );
    expect((await run(rules, {})).errors).toEqual({ name: ['is bad', 'is bad'] });
  });

  it("prefers the validator's own message", async () => {
    const rules = rulesWith((r) =>
      r.validates('name', {
        presence: { message: 'is missing' },
        length: { minimum: 2 },
        message: 'is bad',
      }),
    );
    expect((await run(rules, {})).errors).toEqual({ name: ['is missing', 'is bad'] });
  });

  it("prefers the validator's own on", async () => {
    const rules = rulesWith((r) =>
      r.validates('name', { presence: { on: 'update' }, absence: true, on: 'create' }),
    );
    expect((await run(rules, { name: 'x' }, 'create')).errors).toEqual({ name: ['must be blank'] });
    expect((await run(rules, {}, 'update')).errors).toEqual({ name: ["can't be blank"] });
  });

  it("prefers the validator's own if", async () => {
    const rules = rulesWith((r) =>
      r.validates('name', {
        presence: { if: () => true },
        length: { minimum: 2 },
        if: () => false,
      }),
    );
    expect((await run(rules, {})).errors).toEqual({ name: ["can't be blank"] });
  });

  it("prefers the validator's own allowNil", async () => {
    const rules = rulesWith((r) =>
      r.validates('name', {
        numericality: { allowNil: false },
        length: { minimum: 2 },
        allowNil: true,
      }),
    );
    expect((await run(rules, { name: null })).errors).toEqual({ name: ['is not a number'] });
  });
});

describe('validatesEach and validate', () => {
  it('runs a check on each attribute with its value', async () => {
    const rules = rulesWith((r) =>
      r.validatesEach(['steps', 'tags'], (job, attr, value) => {
        if (!Array.isArray(value)) job.errors.add(attr, 'must be an Array');
      }),
    );
    expect((await run(rules, { steps: 'x', tags: [] })).errors).toEqual({
      steps: ['must be an Array'],
    });
  });

  it('honours on, if and allowNil in validatesEach', async () => {
    const calls: unknown[] = [];
    const rules = rulesWith((r) =>
      r.validatesEach('steps', (_job, _attr, value) => void calls.push(value), {
        on: 'update',
        if: 'isScheduled',
        allowNil: true,
      }),
    );
    await run(rules, { steps: 1, scheduled: true }, 'create');
    await run(rules, { steps: 2, scheduled: false }, 'update');
    await run(rules, { steps: null, scheduled: true }, 'update');
    await run(rules, { steps: 3, scheduled: true }, 'update');
    expect(calls).toEqual([3]);
  });

  it('runs a whole-record check, awaiting it', async () => {
    const rules = rulesWith((r) =>
      r.validate(async (job) => {
        await Promise.resolve();
        job.errors.add('base', 'Job is locked');
      }),
    );
    const { valid, job } = await run(rules, {});
    expect(valid).toBe(false);
    expect(job.errors.fullMessages).toEqual(['Job is locked']);
  });

  it('calls a whole-record check by method name, under its conditions', async () => {
    const rules = rulesWith((r) => r.validate('checkSchedule', { on: 'create' }));
    expect((await run(rules, { runAt: 'never' }, 'create')).errors).toEqual({
      runAt: ['is never'],
    });
    expect((await run(rules, { runAt: 'never' }, 'update')).valid).toBe(true);
  });
});

describe('inherit', () => {
  it('gives a subclass the rules so far, and keeps its additions to itself', async () => {
    const parent = rulesWith((r) => r.validates('name', { presence: true }));
    const child = parent.inherit<Job>();
    child.validates('title', { presence: true });
    parent.validates('kind', { presence: true });
    expect(Object.keys((await run(child, {})).errors)).toEqual(['name', 'title']);
    expect(Object.keys((await run(parent, {})).errors)).toEqual(['name', 'kind']);
  });
});

describe('registerValidator', () => {
  it('makes a function validator available to validates, with any options', async () => {
    registerValidator<{ multiple?: number }>('multipleOf', ({ value, options, fail }) => {
      if (Number(value) % (options.multiple ?? 2) !== 0)
        fail('is not a multiple', options.multiple);
    });
    const rules = new ValidationRules<Job>();
    rules.validates('n', { multipleOf: { multiple: 3 } } as never);
    expect((await run(rules, { n: 4 })).errors).toEqual({ n: ['is not a multiple'] });
    expect((await run(rules, { n: 6 })).valid).toBe(true);
  });

  it('awaits an async validator and checks a definition’s option keys when declared', async () => {
    registerValidator('taken', {
      optionKeys: ['scope'],
      async validate({ value, fail }) {
        await Promise.resolve();
        if (value === 'bob') fail('has already been taken');
      },
    });
    const rules = new ValidationRules<Job>();
    rules.validates('login', { taken: { scope: 'tenant', message: 'is in use' } } as never);
    expect((await run(rules, { login: 'bob' })).errors).toEqual({ login: ['is in use'] });
    const error = declarationError((r) =>
      r.validates('login', { taken: { scopes: 'x' } } as never),
    );
    expect(error.option).toBe('taken.scopes');
  });

  it('refuses a taken name, a built-in name and an option name', () => {
    registerValidator('once', () => undefined);
    expect(() => registerValidator('once', () => undefined)).toThrow(
      "A validator named 'once' is already registered",
    );
    expect(() => registerValidator('presence', () => undefined)).toThrow(/already registered/);
    expect(() => registerValidator('message', () => undefined)).toThrow(/is a validation option/);
    expect(() => registerValidator('not a name', () => undefined)).toThrow(
      /Invalid validator name/,
    );
  });
});

describe('declaration errors', () => {
  it('names an unknown validator, such as uniqueness before it is registered', () => {
    const error = declarationError((r) => r.validates('email', { uniqueness: true } as never));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ValidationDeclarationError');
    expect(error.attributes).toEqual(['email']);
    expect(error.option).toBe('uniqueness');
    expect(error.message).toMatch(
      /^validates 'email': uniqueness is not a known validator or option/,
    );
  });

  it('names a misspelt validator option, which is also a compile error', () => {
    const error = declarationError((r) =>
      // @ts-expect-error: misspelt key
      r.validates(['name', 'title'], { length: { maximium: 3 } }),
    );
    expect(error.message).toMatch(
      /^validates 'name', 'title': length\.maximium is not a known option/,
    );
  });

  it.each([
    ['length without a bound', { length: {} }, 'length', 'needs one of minimum, maximum, is or in'],
    ['length: true', { length: true }, 'length', 'needs one of minimum, maximum, is or in'],
    [
      'a negative bound',
      { length: { maximum: -1 } },
      'length.maximum',
      'must be a non-negative integer',
    ],
    [
      'a fractional bound',
      { length: { minimum: 1.5 } },
      'length.minimum',
      'must be a non-negative integer',
    ],
    [
      'a reversed range',
      { length: { in: [3, 1] } },
      'length.in',
      'must be a [minimum, maximum] pair',
    ],
    ['in with maximum', { length: { in: [1, 3], maximum: 2 } }, 'length.in', 'cannot be combined'],
    ['format without a pattern', { format: {} }, 'format', 'needs either with or without'],
    [
      'format with both',
      { format: { with: /a/, without: /b/ } },
      'format',
      'needs either with or without',
    ],
    ['a string pattern', { format: { with: 'a' } }, 'format.with', 'must be a RegExp'],
    ['inclusion without in', { inclusion: {} }, 'inclusion', 'needs an `in` list'],
    [
      'exclusion in a string',
      { exclusion: { in: 'abc' } },
      'exclusion.in',
      'must be an array or a Set',
    ],
    [
      'a bound that is not a number',
      { numericality: { greaterThan: '5' } },
      'numericality.greaterThan',
      'must be a number',
    ],
    [
      'a flag that is not boolean',
      { numericality: { odd: 1 } },
      'numericality.odd',
      'must be true or false',
    ],
    ['an unknown context', { presence: true, on: 'save' }, 'on', "must be 'create', 'update'"],
    ['a bad if', { presence: { if: 3 } }, 'presence.if', 'must be a function, a method name'],
    ['a bad allowNil', { presence: true, allowNil: 'yes' }, 'allowNil', 'must be true or false'],
    [
      'a bad message',
      { presence: { message: 3 } },
      'presence.message',
      'must be a string or a function',
    ],
    [
      'a bad validator value',
      { presence: 'yes' },
      'presence',
      'must be true, false or an options object',
    ],
    [
      'a list for acceptance',
      { acceptance: ['yes'] },
      'acceptance',
      'must be true, false or an options object',
    ],
    ['no validator', { allowNil: true }, 'options', 'name no validator'],
  ])('rejects %s', (_case, options, option, problem) => {
    const error = declarationError((r) => r.validates('name', options as never));
    expect(error.option).toBe(option);
    expect(error.message).toContain(`validates 'name': ${option} ${problem}`);
  });

  it('rejects missing attribute names', () => {
    expect(declarationError((r) => r.validates([], { presence: true })).option).toBe('attributes');
    expect(declarationError((r) => r.validates('', { presence: true })).option).toBe('attributes');
  });

  it('rejects options validatesEach and validate do not take', () => {
    const each = declarationError((r) =>
      r.validatesEach('steps', () => undefined, { message: 'x' } as never),
    );
    expect(each.message).toMatch(/^validates 'steps': message is not a known option/);
    const whole = declarationError((r) => r.validate(() => undefined, { allowNil: true } as never));
    expect(whole.message).toMatch(/^validate: allowNil is not a known option/);
    expect(declarationError((r) => r.validate('')).option).toBe('check');
  });

  it('leaves the rules unchanged when a declaration throws', async () => {
    const rules = new ValidationRules<Job>();
    expect(() => rules.validates('name', { presence: true, length: {} })).toThrow(
      ValidationDeclarationError,
    );
    expect((await run(rules, {})).valid).toBe(true);
  });
});
