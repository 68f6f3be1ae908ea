import { beforeAll, describe, expect, it } from 'vitest';
import { attr, RecordInvalid, Table } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { log } = useDynamo();

class Topic extends Table.schema({
  hashKey: 'forum',
  rangeKey: 'slug',
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: {
    title: attr.string(),
    body: attr.string(),
    views: attr.integer({ default: 0 }),
    kind: attr.string({ default: 'post' }),
    terms: attr.boolean(),
    steps: attr.serialized<unknown>(),
    locked: attr.boolean({ default: false }),
  },
}) {
  static {
    this.validates('title', { presence: true, length: { maximum: 10 } });
    this.validates('body', { length: { minimum: 2 }, on: 'update' });
    this.validates('views', { numericality: { onlyInteger: true, greaterThanOrEqualTo: 0 } });
    this.validates('kind', {
      inclusion: { in: ['post', 'question'] },
      exclusion: { in: ['spam'] },
    });
    this.validates('terms', {
      acceptance: true,
      on: 'create',
      if: (t: Topic) => t.kind === 'question',
    });
    this.validatesEach(['steps'], (r, name, value) => {
      if (value !== null && !Array.isArray(value)) r.errors.add(name, 'must be an Array');
    });
    this.validate('notLockedOnUpdate', { on: 'update' });
  }

  notLockedOnUpdate(): void {
    if (this.locked && this.isChanged('title'))
      this.errors.add('base', 'Locked topics cannot be renamed');
  }
}

// No validation rule or callback: its save is validated without waiting on anything.
class Reply extends Table.schema({
  hashKey: 'topic',
  rangeKey: 'slug',
  attributes: { body: attr.string() },
}) {}

beforeAll(async () => {
  await Topic.createTable();
  await Reply.createTable();
});

describe('validations on save', () => {
  it('validates the range key present automatically', async () => {
    const topic = new Topic({ forum: 'f', title: 'Hi' });
    expect(await topic.isValid()).toBe(false);
    expect(topic.errors.get('slug')).toEqual(["can't be blank"]);
  });

  it('treats a key of only whitespace as blank, as ActiveModel presence does', async () => {
    log.clear();
    const topic = new Topic({ forum: 'f', slug: ' \t', title: 'Hi' });
    expect(await topic.save()).toBe(false);
    expect(topic.errors.get('slug')).toEqual(["can't be blank"]);
    expect(topic.isNewRecord()).toBe(true);
    expect(log.count()).toBe(0);
  });

  it('checks the keys of a model with no validations too: blank refused, the error gone once fixed', async () => {
    log.clear();
    const reply = new Reply({ topic: 't', slug: '  ', body: 'hi' });
    expect(await reply.save()).toBe(false);
    expect(reply.errors.get('slug')).toEqual(["can't be blank"]);
    await expect(reply.saveOrThrow()).rejects.toThrow(
      new RecordInvalid("Validation failed for Reply: Slug can't be blank", { record: reply }),
    );
    expect(log.count()).toBe(0);
    reply.slug = 'first';
    expect(await reply.save()).toBe(true);
    expect(reply.errors.isEmpty()).toBe(true);
    expect((await Reply.find('t', 'first')).body).toBe('hi');
  });

  it('reports ActiveModel messages and stores nothing while invalid', async () => {
    log.clear();
    const topic = await Topic.create({
      forum: 'f',
      slug: 's1',
      title: 'A title far too long',
      views: -1,
      kind: 'spam',
      steps: 'x',
    });
    expect(topic.isPersisted()).toBe(false);
    expect(log.operations).toEqual([]);
    expect(topic.errors.toJSON()).toEqual({
      title: ['is too long (maximum is 10 characters)'],
      views: ['must be greater than or equal to 0'],
      kind: ['is not included in the list', 'is reserved'],
      steps: ['must be an Array'],
    });
    expect(topic.errors.count).toBe(5);
    expect(topic.errors.fullMessages).toContain('Title is too long (maximum is 10 characters)');
  });

  it('applies on: create / on: update and if', async () => {
    const question = new Topic({
      forum: 'f',
      slug: 'q',
      title: 'Q',
      kind: 'question',
      terms: false,
    });
    expect(await question.save()).toBe(false);
    expect(question.errors.get('terms')).toEqual(['must be accepted']);
    question.terms = true;
    expect(await question.save()).toBe(true);
    question.body = 'x';
    expect(await question.save()).toBe(false);
    expect(question.errors.get('body')).toEqual(['is too short (minimum is 2 characters)']);
    question.body = 'long enough';
    question.locked = true;
    expect(await question.save()).toBe(true);
    question.title = 'Renamed';
    await expect(question.saveOrThrow()).rejects.toThrow(RecordInvalid);
    expect(question.errors.fullMessages).toEqual(['Locked topics cannot be renamed']);
  });
});
