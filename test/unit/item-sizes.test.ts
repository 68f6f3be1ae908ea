/** DynamoDB item and key sizes, as DynamoDB counts them. Offline: each asserts what a wrong implementation would get wrong. */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DynamoError, ItemTooLarge } from '../../src/index.js';
import {
  assertItemFits,
  assertItemSize,
  attributeValueSize,
  changedItemBound,
  itemBound,
  itemSize,
} from '../../src/dynamo/item-size.js';
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

// Any DynamoDB value: strings and names beyond ASCII (two- to four-byte UTF-8), numbers in
// every notation, sets, nested lists and maps.
const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const numberText = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer().map(String),
  fc.constantFrom('0', '1e21', '1.50', '0.0000001', '-12.5e-3'),
);
const attributeValue: fc.Arbitrary<AttributeValue> = fc.letrec<{ value: AttributeValue }>(
  (tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      text.map((S) => ({ S })),
      numberText.map((N) => ({ N })),
      fc.uint8Array({ maxLength: 8 }).map((B) => ({ B })),
      fc.boolean().map((BOOL) => ({ BOOL })),
      fc.constant({ NULL: true }),
      fc.array(text, { minLength: 1, maxLength: 4 }).map((SS) => ({ SS })),
      fc.array(numberText, { minLength: 1, maxLength: 4 }).map((NS) => ({ NS })),
      fc.array(tie('value'), { maxLength: 4 }).map((L) => ({ L })),
      fc.dictionary(text, tie('value'), { maxKeys: 4 }).map((M) => ({ M })),
    ),
  }),
).value;
const item = fc.dictionary(text, attributeValue, { maxKeys: 6 });

describe('item bounds: at least the exact size, found without reading characters', () => {
  it('never under-count an item, and follow its changes attribute by attribute', () => {
    fc.assert(
      fc.property(
        item,
        // Attribute names, which a schema never makes `__proto__`.
        fc.array(
          fc.tuple(
            text.filter((name) => name !== '__proto__'),
            fc.option(attributeValue, { nil: undefined }),
          ),
        ),
        (held, changeList) => {
          const bound = itemBound(held);
          expect(bound).toBeGreaterThanOrEqual(itemSize(held));
          const changes = new Map(changeList);
          const changed: Record<string, AttributeValue | undefined> = { ...held };
          for (const [name, value] of changes) changed[name] = value;
          const changedBound = changedItemBound(held, bound, changes);
          expect(changedBound).toBe(itemBound(changed));
          expect(changedBound).toBeGreaterThanOrEqual(itemSize(changed));
        },
      ),
    );
  });

  it('assertItemFits counts exactly only over the bound, and refuses by the exact size', () => {
    const limit = 400 * 1024;
    let counted = 0;
    const fits = { body: { S: 'x'.repeat(limit - 4) } }; // 4 + limit - 4 bytes: exactly the limit
    const over = { body: { S: 'x'.repeat(limit - 3) } };
    const count = (candidate: Record<string, AttributeValue>) => () => {
      counted++;
      return candidate;
    };
    assertItemFits('Doc', 1_000, count(fits));
    expect(counted).toBe(0);
    assertItemFits('Doc', itemBound(fits), count(fits));
    expect(counted).toBe(1);
    const error = (() => {
      try {
        assertItemFits('Doc', itemBound(over), count(over));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ItemTooLarge);
    expect((error as ItemTooLarge).size).toBe(limit + 1);
  });
});
