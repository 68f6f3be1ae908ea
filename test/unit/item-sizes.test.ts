/** DynamoDB item and key sizes, as DynamoDB counts them. Offline: each asserts what a wrong implementation would get wrong. */
import { describe, expect, it } from 'vitest';
import { DynamoError } from '../../src/index.js';
import { assertItemSize, attributeValueSize } from '../../src/dynamo/item-size.js';
import { assertKeyValue } from '../../src/dynamo/keys.js';

describe('attributeValueSize follows DynamoDB sizing rules', () => {
  it.each([
    [{ S: 'héllo' }, 6],
    [{ N: '12345' }, 4],
    [{ N: '-1.5e10' }, 3], // 01|50, then zero pairs
    [{ B: new Uint8Array(10) }, 10],
    [{ BOOL: true }, 1],
    [{ NULL: true }, 1],
    [{ SS: ['ab', 'c'] }, 3],
    [{ NS: ['1', '22'] }, 4],
    [{ L: [{ S: 'a' }, { BOOL: false }] }, 3 + 2 + 2],
    [{ M: { ab: { S: 'xyz' } } }, 3 + 1 + 2 + 3],
    [{}, 0],
  ])('%o is %i bytes', (value, size) => {
    expect(attributeValueSize(value as never)).toBe(size);
  });

  it('assertItemSize counts names and refuses just past 400 KB, naming the model', () => {
    const limit = 400 * 1024;
    expect(() => assertItemSize('Doc', { a: { S: 'x'.repeat(limit - 1) } })).not.toThrow();
    expect(() => assertItemSize('Doc', { ab: { S: 'x'.repeat(limit - 1) } })).toThrow(
      /Doc item is 409601 bytes/,
    );
  });

  it('assertKeyValue refuses missing, empty and oversized keys', () => {
    expect(() => assertKeyValue('M', 'id', 'hash', undefined)).toThrow(
      /M\.id \(the hash key\) is empty/,
    );
    expect(() => assertKeyValue('M', 'id', 'hash', { S: '' })).toThrow(DynamoError);
    expect(() => assertKeyValue('M', 'at', 'range', { S: 'x'.repeat(1024) })).not.toThrow();
    expect(() => assertKeyValue('M', 'at', 'range', { S: 'x'.repeat(1025) })).toThrow(
      /M\.at \(the range key\) is 1025 bytes/,
    );
    expect(() => assertKeyValue('M', 'n', 'hash', { N: '5' })).not.toThrow();
  });
});
