import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Comparator } from '../querying/key-query.js';

/**
 * Whether a stored range key value satisfies a key condition, compared the way DynamoDB
 * compares keys (numbers by value, strings by their UTF-8 bytes). Lets `includes()` on a
 * narrowed collection answer with one GetItem instead of a query.
 * @internal
 */
export function rangeMatches(
  value: AttributeValue,
  comparator: Comparator,
  operands: AttributeValue[],
): boolean {
  const [first, second] = operands as [AttributeValue, AttributeValue | undefined];
  if (comparator === 'begins_with')
    return value.S !== undefined && first.S !== undefined && value.S.startsWith(first.S);
  const low = compare(value, first);
  switch (comparator) {
    case '=':
      return low === 0;
    case '<':
      return low < 0;
    case '<=':
      return low <= 0;
    case '>':
      return low > 0;
    case '>=':
      return low >= 0;
    case 'between':
      return low >= 0 && second !== undefined && compare(value, second) <= 0;
  }
}

function compare(a: AttributeValue, b: AttributeValue): number {
  if (a.N !== undefined && b.N !== undefined) return Math.sign(Number(a.N) - Number(b.N));
  if (a.S !== undefined && b.S !== undefined)
    return Buffer.compare(Buffer.from(a.S), Buffer.from(b.S));
  return Number.NaN;
}
