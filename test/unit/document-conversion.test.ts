/** Document conversion of maps, lists, sets and serialized attributes. Offline: each asserts what a wrong implementation would get wrong. */
import { describe, expect, it } from 'vitest';
import {
  attributeValueToJson,
  copyJsonValue,
  jsonToAttributeValue,
} from '../../src/attributes/codecs/json-values.js';
import { codecs } from '../../src/attributes/codecs/index.js';

describe('document conversion', () => {
  it('reads sets and unknown types inside a stored map', () => {
    const stored = {
      M: {
        tags: { SS: ['a', 'b'] },
        nums: { NS: ['1', '2.5'] },
        blob: { B: new Uint8Array(1) },
        none: { NULL: true },
      },
    };
    expect(attributeValueToJson(stored as never)).toEqual({
      tags: ['a', 'b'],
      nums: [1, 2.5],
      blob: null,
      none: null,
    });
  });

  it('refuses data nested deeper than DynamoDB allows, and circular data', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(() => copyJsonValue(deep)).toThrow(/nested deeper/);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => copyJsonValue(circular)).toThrow(/nested deeper/);
  });

  it('skips undefined members and keeps __proto__ as data in both directions', () => {
    const value = JSON.parse('{"__proto__":{"x":1},"keep":1}') as Record<string, unknown>;
    value.drop = undefined;
    const copy = copyJsonValue(value) as Record<string, unknown>;
    expect(Object.keys(copy)).toEqual(['__proto__', 'keep']);
    const stored = jsonToAttributeValue({ keep: 1, gone: undefined });
    expect(Object.keys(stored.M!)).toEqual(['keep']);
    expect(Object.keys(jsonToAttributeValue(copy).M!)).toEqual(['__proto__', 'keep']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });

  it('a serialized attribute whose stored text is not JSON fails to read, saying why', () => {
    expect(() => codecs.serialized.fromAttributeValue({ S: '{not json' })).toThrow(
      /not valid JSON/,
    );
    expect(codecs.serialized.fromAttributeValue(undefined)).toBeNull();
    expect(codecs.serialized.toAttributeValue(null)).toBeUndefined();
    expect(codecs.json.fromAttributeValue(undefined)).toBeNull();
  });
});
