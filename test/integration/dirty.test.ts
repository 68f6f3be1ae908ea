import { beforeAll, describe, expect, it } from 'vitest';
import { attr, Table } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';
import { Bare } from '../support/edge-models.js';

const { log } = useDynamo();

class Profile extends Table.schema({
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: {
    name: attr.string({ default: 'anon' }),
    age: attr.integer(),
    seen: attr.datetime(),
    tags: attr.stringSet(),
    prefs: attr.json<Record<string, unknown>>(),
  },
}) {}

beforeAll(async () => {
  await Profile.createTable();
});

describe('dirty tracking', () => {
  it('a new record is unchanged until assigned; defaults are the baseline', () => {
    const profile = new Profile();
    expect(profile.isChanged()).toBe(false);
    expect(profile.changes()).toEqual({});
    profile.name = 'Ada';
    profile.age = 36;
    expect(profile.isChanged()).toBe(true);
    expect(profile.isChanged('name')).toBe(true);
    expect(profile.isChanged('tags')).toBe(false);
    expect(profile.changes()).toEqual({ name: ['anon', 'Ada'], age: [null, 36] });
    expect(profile.attributeWas('name')).toBe('anon');
  });

  it('clears after a successful save and tracks against what was saved', async () => {
    const profile = await Profile.create({ name: 'Ada', age: 36 });
    expect(profile.isChanged()).toBe(false);
    profile.age = 37;
    profile.age = 36;
    expect(profile.isChanged('age')).toBe(false);
    profile.seen = new Date(5);
    expect(profile.changes()).toEqual({ seen: [null, new Date(5)] });
    await profile.save();
    expect(profile.changes()).toEqual({});
    expect(profile.attributeWas('seen')).toEqual(new Date(5));
  });

  it('a loaded record is unchanged until an attribute is assigned, and unknown names are never changed', async () => {
    const saved = await Profile.create({ name: 'Lin', age: 3 });
    const loaded = await Profile.find(saved.id, { consistent: true });
    expect(loaded.isChanged('age')).toBe(false);
    // @ts-expect-error: an unknown name is refused at compile time; at run time it is unchanged
    expect(loaded.isChanged('nope')).toBe(false);
    expect(loaded.isChanged()).toBe(false);
    expect(loaded.attributeWas('age')).toBe(3);
    // @ts-expect-error: an unknown name is refused at compile time too
    expect(() => loaded.attributeWas('nope')).toThrow(/Unknown attribute 'nope' for Profile/);
  });

  it('treats sets as unordered and notices in-place changes of sets, maps and dates', async () => {
    const profile = await Profile.create({
      tags: ['a', 'b'],
      prefs: { theme: 'dark' },
      seen: new Date(1),
    });
    const loaded = await Profile.find(profile.id, { consistent: true });
    loaded.tags = ['b', 'a'];
    expect(loaded.isChanged('tags')).toBe(false);
    loaded.tags.push('c');
    (loaded.prefs as Record<string, unknown>).theme = 'light';
    loaded.seen?.setTime(2);
    expect(Object.keys(loaded.changes()).sort()).toEqual(['prefs', 'seen', 'tags']);
    expect(loaded.changes().prefs).toEqual([{ theme: 'dark' }, { theme: 'light' }]);
  });

  it('keeps unsaved changes when a save fails validation', async () => {
    class Strict extends Table.schema({
      tableName: 'profiles',
      attributes: { name: attr.string(), age: attr.integer() },
    }) {
      static {
        this.validates('age', { numericality: { greaterThan: 0 } });
      }
    }
    const record = await Strict.create({ name: 'x', age: 1 });
    record.age = -1;
    expect(await record.save()).toBe(false);
    expect(record.changes()).toEqual({ age: [1, -1] });
    expect(record.lockVersion).toBe(0);
  });
});

describe('an update of emptied attributes', () => {
  beforeAll(async () => {
    await Bare.createTable();
  });

  it('an update that only empties attributes sends a REMOVE alone', async () => {
    const bare = await Bare.create({ name: 'n', count: 3 });
    log.clear();
    bare.name = '';
    bare.count = null;
    await bare.saveOrThrow();
    expect((log.inputs[0] as { UpdateExpression: string }).UpdateExpression).toBe(
      'REMOVE #n0, #n1',
    );
    const found = await Bare.find(bare.id, { consistent: true });
    expect([found.name, found.count]).toEqual(['', null]);
  });
});
