import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalNumberText, numberText } from '../../src/attributes/codecs/number-text.js';
import { attributeValueSize } from '../../src/dynamo/item-size.js';
import { keyIdentity } from '../../src/dynamo/keys.js';
import { AttributeAssignmentError, Table, attr } from '../../src/index.js';

describe("numbers in DynamoDB's canonical form", () => {
  it('writes plain decimal text, never an exponent', () => {
    expect(numberText(1e21)).toBe('1000000000000000000000');
    expect(numberText(1e-7)).toBe('0.0000001');
    expect(numberText(-1.5e-7)).toBe('-0.00000015');
    expect(numberText(1.2345e25)).toBe('12345000000000000000000000');
    expect(numberText(42)).toBe('42');
    expect(numberText(-0)).toBe('0');
    expect(canonicalNumberText('+001.500')).toBe('1.5');
    expect(canonicalNumberText('1E2')).toBe('100');
    expect(canonicalNumberText('-0.000')).toBe('0');
    expect(canonicalNumberText('12.5e-3')).toBe('0.0125');
  });

  it('keeps every double exactly, in one text per value (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const text = numberText(n);
        expect(text).toMatch(/^-?(0|[1-9]\d*)(\.\d*[1-9])?$|^-?0\.\d*[1-9]$/);
        expect(Number(text)).toBe(n === 0 ? 0 : n);
        // Canonical is a fixed point, and any spelling of the value canonicalizes to it.
        expect(canonicalNumberText(text)).toBe(text);
        expect(canonicalNumberText(n.toExponential())).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('sizes a number by all its significant digits, never below the published estimate (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const text = numberText(n);
        const significant = text.replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '');
        const size = attributeValueSize({ N: text });
        expect(size).toBeGreaterThanOrEqual(Math.ceil(significant.length / 2) + 1);
        expect(size).toBeLessThanOrEqual(Math.ceil(significant.length / 2) + 2);
        // The exponent spelling of the same value has the same size.
        expect(attributeValueSize({ N: n.toExponential() })).toBe(size);
      }),
      { numRuns: 500 },
    );
  });

  it('tells apart two keys beyond 2^53 and identifies spellings of one number', () => {
    const key = (n: string) => keyIdentity({ id: { N: n } }, ['id']);
    expect(key('9007199254740993')).not.toBe(key('9007199254740992'));
    expect(key('1.50')).toBe(key('1.5'));
    expect(key('1e21')).toBe(key('1000000000000000000000'));
  });
});

describe('integers beyond the safe range', () => {
  class Counter extends Table.schema({
    attributes: { hits: attr.integer(), marks: attr.integerSet() },
  }) {}

  it('are refused on assignment, whatever the form, naming the attribute', () => {
    for (const value of [2 ** 53, 2 ** 53 + 2, -(2 ** 53), '9007199254740993', 9007199254740993n]) {
      expect(() => new Counter({ hits: value as number }), String(value)).toThrow(
        AttributeAssignmentError,
      );
      expect(() => new Counter({ hits: value as number }), String(value)).toThrow(/Counter\.hits/);
    }
    expect(() => new Counter({ marks: [1, 2 ** 53 + 2] })).toThrow(AttributeAssignmentError);
    expect(new Counter({ hits: Number.MAX_SAFE_INTEGER }).hits).toBe(Number.MAX_SAFE_INTEGER);
  });
});
