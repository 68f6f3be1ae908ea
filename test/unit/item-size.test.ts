import { describe, expect, it } from 'vitest';
import { assertItemSize, attributeValueSize } from '../../src/dynamo/item-size.js';

describe('attributeValueSize', () => {
  it('counts strings in UTF-8 bytes', () => {
    expect(attributeValueSize({ S: 'abc' })).toBe(3);
    expect(attributeValueSize({ S: 'é' })).toBe(2);
    expect(attributeValueSize({ S: 'a日本' })).toBe(7);
    expect(attributeValueSize({ S: '😀' })).toBe(4);
  });

  it('counts every significant digit of a number, in pairs aligned on the point, plus one', () => {
    expect(attributeValueSize({ N: '123' })).toBe(3); // 01|23
    expect(attributeValueSize({ N: '-12.5' })).toBe(3); // 12|50
    expect(attributeValueSize({ N: '+1234' })).toBe(3); // 12|34
    expect(attributeValueSize({ N: '1e+21' })).toBe(2); // 10
    expect(attributeValueSize({ N: '1000000000000000000000' })).toBe(2);
    expect(attributeValueSize({ N: '0' })).toBe(2);
    // Fractional digits count as well.
    expect(attributeValueSize({ N: '1.5' })).toBe(3); // 01|50
    expect(attributeValueSize({ N: '123.456' })).toBe(5); // 01|23|45|60
    expect(attributeValueSize({ N: '0.0000001' })).toBe(2); // 10
    expect(attributeValueSize({ N: '1.2345678901234567890123456789012345678' })).toBe(21);
  });

  it('counts sets, lists and maps with their overheads', () => {
    expect(attributeValueSize({ BOOL: false })).toBe(1);
    expect(attributeValueSize({ NULL: true })).toBe(1);
    expect(attributeValueSize({ SS: ['a', 'bé'] })).toBe(4);
    expect(attributeValueSize({ NS: ['1', '22'] })).toBe(4);
    expect(attributeValueSize({ L: [{ S: 'ab' }, { N: '1' }] })).toBe(9);
    expect(attributeValueSize({ M: { ab: { S: 'x' }, é: { L: [] } } })).toBe(
      3 + (1 + 2 + 1) + (1 + 2 + 3),
    );
  });
});

describe('assertItemSize', () => {
  it('accepts an item of exactly 400 KB and refuses one byte more, names counted', () => {
    const limit = 400 * 1024;
    expect(() =>
      assertItemSize('Doc', { id: { S: 'x' }, body: { S: 'a'.repeat(limit - 2 - 1 - 4) } }),
    ).not.toThrow();
    expect(() =>
      assertItemSize('Doc', { id: { S: 'x' }, body: { S: 'a'.repeat(limit - 2 - 1 - 4 + 1) } }),
    ).toThrow(/Doc item is 409601 bytes/);
    expect(() =>
      assertItemSize('Doc', { id: { S: 'x' }, bödy: { S: 'é'.repeat((limit - 8) / 2 + 1) } }),
    ).toThrow(/over DynamoDB's limit/);
  });
});
