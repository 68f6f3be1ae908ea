import { describe, expect, it } from 'vitest';
import { Errors } from '../../src/validations/index.js';

function errorsWith(...entries: [string, string][]): Errors {
  const errors = new Errors();
  for (const [attribute, message] of entries) errors.add(attribute, message);
  return errors;
}

describe('Errors', () => {
  it('starts empty', () => {
    const errors = new Errors();
    expect(errors.isEmpty()).toBe(true);
    expect(errors.count).toBe(0);
    expect(errors.get('name')).toEqual([]);
    expect(errors.has('name')).toBe(false);
    expect(errors.toJSON()).toEqual({});
  });

  it('keeps messages per attribute in the order added', () => {
    const errors = errorsWith(
      ['name', "can't be blank"],
      ['title', 'is invalid'],
      ['name', 'is reserved'],
    );
    expect(errors.get('name')).toEqual(["can't be blank", 'is reserved']);
    expect(errors.get('title')).toEqual(['is invalid']);
    expect(errors.has('name')).toBe(true);
    expect(errors.isEmpty()).toBe(false);
  });

  it('adds "is invalid" when no message is given, as ActiveModel', () => {
    const errors = new Errors();
    errors.add('name');
    expect(errors.get('name')).toEqual(['is invalid']);
  });

  it('counts messages, not attributes', () => {
    expect(errorsWith(['name', 'a'], ['name', 'b'], ['title', 'c']).count).toBe(3);
  });

  it('returns a copy from get, so callers cannot change the errors by accident', () => {
    const errors = errorsWith(['name', 'a']);
    errors.get('name').push('b');
    expect(errors.count).toBe(1);
  });

  it('clears every message', () => {
    const errors = errorsWith(['name', 'a'], ['title', 'b']);
    errors.clear();
    expect(errors.isEmpty()).toBe(true);
    expect(errors.count).toBe(0);
    expect(errors.toJSON()).toEqual({});
  });

  it('deletes the messages of one attribute', () => {
    const errors = errorsWith(['name', 'a'], ['title', 'b']);
    errors.delete('name');
    expect(errors.toJSON()).toEqual({ title: ['b'] });
  });

  it('serializes as { attribute: [messages] }, a copy', () => {
    const errors = errorsWith(['name', "can't be blank"], ['maxSeconds', 'is not a number']);
    const json = errors.toJSON();
    expect(json).toEqual({ name: ["can't be blank"], maxSeconds: ['is not a number'] });
    json['name']!.push('x');
    expect(errors.get('name')).toEqual(["can't be blank"]);
  });

  it('serializes through JSON.stringify', () => {
    const errors = errorsWith(['name', "can't be blank"]);
    expect(JSON.parse(JSON.stringify({ errors }))).toEqual({
      errors: { name: ["can't be blank"] },
    });
  });

  it('lists attribute names in the order of their first message', () => {
    expect(errorsWith(['title', 'a'], ['name', 'b'], ['title', 'c']).attributeNames).toEqual([
      'title',
      'name',
    ]);
  });

  it('iterates over [attribute, message] pairs', () => {
    const errors = errorsWith(['name', 'a'], ['title', 'b'], ['name', 'c']);
    expect([...errors]).toEqual([
      ['name', 'a'],
      ['name', 'c'],
      ['title', 'b'],
    ]);
  });

  it('builds full messages with humanized attribute names; base messages stand alone', () => {
    const errors = errorsWith(
      ['name', "can't be blank"],
      ['maxSeconds', 'must be greater than 0'],
      ['base', 'Job is locked'],
    );
    expect(errors.fullMessages).toEqual([
      "Name can't be blank",
      'Max seconds must be greater than 0',
      'Job is locked',
    ]);
    expect(errors.fullMessagesFor('maxSeconds')).toEqual(['Max seconds must be greater than 0']);
  });

  it.each([
    ['maxSeconds', 'Max seconds'],
    ['max_seconds', 'Max seconds'],
    ['forumId', 'Forum'],
    ['api_user_id', 'Api user'],
    ['URLPath', 'Url path'],
    ['id', 'Id'],
    ['line2Text', 'Line2 text'],
  ])('humanizes %s as "%s"', (attribute, words) => {
    expect(new Errors().fullMessage(attribute, 'is invalid')).toBe(`${words} is invalid`);
  });
});
