/** Timestamps under custom names, and touch refused where it cannot apply. */
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoError } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';
import { Stamped } from '../support/edge-models.js';

useDynamo();

beforeAll(async () => {
  await Stamped.createTable();
});

describe('custom timestamp names', () => {
  it('sets both on create unless assigned, and the second on update and touch', async () => {
    const born = new Date('2020-01-01T00:00:00Z');
    const stamped = await Stamped.create({ name: 'x', bornAt: born } as never);
    expect(stamped.readAttribute('bornAt')).toEqual(born);
    const first = stamped.readAttribute('changedAt') as Date;
    expect(first.getTime()).toBeGreaterThan(born.getTime());
    await new Promise((resolve) => setTimeout(resolve, 5));
    await stamped.touch();
    expect((stamped.readAttribute('changedAt') as Date).getTime()).toBeGreaterThan(first.getTime());
    expect(stamped.readAttribute('bornAt')).toEqual(born);
  });
});

describe('misuse is refused with a clear error', () => {
  it('touch of a new record, or of an attribute that is not a datetime', async () => {
    await expect(new Stamped().touch()).rejects.toThrow(/Cannot touch a new Stamped/);
    const stamped = await Stamped.create({ name: 'y' });
    // @ts-expect-error: touch takes a datetime attribute; at run time too
    await expect(stamped.touch('name')).rejects.toThrow(
      /Stamped\.name: it is not a datetime attribute/,
    );
    // @ts-expect-error: an unknown name
    await expect(stamped.touch('nope')).rejects.toThrow(DynamoError);
    expect(stamped.lockVersion).toBe(0);
  });
});
