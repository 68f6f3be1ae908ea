import { describe, expect, it } from 'vitest';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ConditionComparator } from '../../src/relations/conditions.js';
import { matchesAll } from '../../src/relations/evaluate.js';

/** One comparison of the value held under `a`, evaluated as a post-filter would. */
function rangeMatches(
  value: AttributeValue,
  comparator: ConditionComparator,
  operands: AttributeValue[],
): boolean {
  return matchesAll({ a: value }, [
    { kind: 'compare', attribute: 'a', comparator, operands, value: undefined },
  ]);
}

const n = (value: number) => ({ N: String(value) });
const s = (value: string) => ({ S: value });

describe('conditions evaluated in memory compare as DynamoDB compares keys', () => {
  it('compares numbers by value, not as text', () => {
    expect(rangeMatches(n(10), '>', [n(9)])).toBe(true);
    expect(rangeMatches(n(10), '<', [n(9)])).toBe(false);
    expect(rangeMatches(n(9), '<', [n(10)])).toBe(true);
    expect(rangeMatches(n(5), '<=', [n(5)])).toBe(true);
    expect(rangeMatches(n(6), '<=', [n(5)])).toBe(false);
    expect(rangeMatches(n(5), '>=', [n(5)])).toBe(true);
    expect(rangeMatches(n(4), '>=', [n(5)])).toBe(false);
    expect(rangeMatches(n(5), '=', [n(5.0)])).toBe(true);
    expect(rangeMatches(n(5), '=', [n(6)])).toBe(false);
  });

  it('compares strings by their UTF-8 bytes', () => {
    expect(rangeMatches(s('b'), '>', [s('a')])).toBe(true);
    expect(rangeMatches(s('Z'), '<', [s('a')])).toBe(true);
    // 'é' (0xC3 0xA9) sorts after 'z' (0x7A) byte-wise, as DynamoDB sorts it.
    expect(rangeMatches(s('é'), '>', [s('z')])).toBe(true);
  });

  it('handles between with both bounds inclusive, and a missing upper bound', () => {
    expect(rangeMatches(n(5), 'between', [n(5), n(7)])).toBe(true);
    expect(rangeMatches(n(7), 'between', [n(5), n(7)])).toBe(true);
    expect(rangeMatches(n(8), 'between', [n(5), n(7)])).toBe(false);
    expect(rangeMatches(n(4), 'between', [n(5), n(7)])).toBe(false);
    expect(rangeMatches(n(6), 'between', [n(5)])).toBe(false);
  });

  it('matches begins_with on strings only', () => {
    expect(rangeMatches(s('2024-01-05'), 'begins_with', [s('2024-01')])).toBe(true);
    expect(rangeMatches(s('2023-12-31'), 'begins_with', [s('2024-01')])).toBe(false);
    expect(rangeMatches(n(2024), 'begins_with', [s('20')])).toBe(false);
  });

  it('never matches values of different types', () => {
    for (const comparator of ['=', '<', '<=', '>', '>='] as const) {
      expect(rangeMatches(s('5'), comparator, [n(5)])).toBe(false);
    }
  });
});
