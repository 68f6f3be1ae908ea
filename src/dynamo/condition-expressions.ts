/**
 * Conditions as DynamoDB expressions (key conditions, filters, write conditions): with
 * placeholders for a request, or with names and values written out for `explain()`.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Condition, ConditionComparator } from '../relations/conditions.js';
import type { Placeholders } from './expressions.js';

/**
 * One comparison of one attribute, as a key condition or a filter writes it: the name goes
 * through the placeholders first, then each operand in order.
 * @internal
 */
export function comparisonExpression(
  attribute: string,
  comparator: ConditionComparator,
  operands: readonly AttributeValue[],
  p: Placeholders,
): string {
  const name = p.name(attribute);
  const [first, second] = operands as [AttributeValue, AttributeValue];
  switch (comparator) {
    case 'between':
      return `${name} BETWEEN ${p.value(first)} AND ${p.value(second)}`;
    case 'begins_with':
      return `begins_with(${name}, ${p.value(first)})`;
    case 'contains':
      return `contains(${name}, ${p.value(first)})`;
    case 'in':
      return `${name} IN (${operands.map((v) => p.value(v)).join(', ')})`;
    case 'exists':
      return `attribute_exists(${name})`;
    case 'notExists':
      return `attribute_not_exists(${name})`;
    case 'size=':
    case 'size<':
    case 'size<=':
    case 'size>':
    case 'size>=':
      return `size(${name}) ${comparator.slice(4)} ${p.value(first)}`;
    default:
      return `${name} ${comparator} ${p.value(first)}`;
  }
}

/** One condition as an expression. @internal */
export function conditionExpression(condition: Condition, p: Placeholders): string {
  if (condition.kind === 'compare') {
    return comparisonExpression(condition.attribute, condition.comparator, condition.operands, p);
  }
  if (condition.kind === 'not') return `NOT (${andExpression(condition.conditions, p)})`;
  return `(${condition.groups.map((group) => `(${andExpression(group, p)})`).join(' OR ')})`;
}

/** An AND of conditions; '' for none. @internal */
export function andExpression(conditions: readonly Condition[], p: Placeholders): string {
  return conditions.map((condition) => conditionExpression(condition, p)).join(' AND ');
}
