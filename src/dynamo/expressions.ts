/**
 * Expression placeholders: where attribute names and values go in a DynamoDB expression,
 * either as request placeholders (`#n0`, `:v0`) or written out for `explain()` and messages.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** Where names and values go: request placeholders or readable text. @internal */
export interface Placeholders {
  name(attribute: string): string;
  value(value: AttributeValue): string;
}

// The placeholders most expressions use, made once rather than per request.
const NAME_PLACEHOLDERS = Array.from({ length: 32 }, (_, i) => `#n${i}`);
const VALUE_PLACEHOLDERS = Array.from({ length: 32 }, (_, i) => `:v${i}`);

function placeholder(made: readonly string[], prefix: string, index: number): string {
  return index < made.length ? made[index]! : `${prefix}${index}`;
}

/**
 * Builds expression placeholders. Every attribute name and value goes through one, so
 * reserved words (`name`, `status`, `size`) and values that look like expression syntax are
 * always safe.
 * @internal
 */
export class ExpressionBuilder implements Placeholders {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};
  // The attributes named so far, in placeholder order: an expression names few, and a scan
  // of them costs less than a Map made for every request.
  private readonly attributes: string[] = [];
  private valueCount = 0;

  name(attribute: string): string {
    let index = this.attributes.indexOf(attribute);
    if (index >= 0) return placeholder(NAME_PLACEHOLDERS, '#n', index);
    index = this.attributes.push(attribute) - 1;
    const name = placeholder(NAME_PLACEHOLDERS, '#n', index);
    this.names[name] = attribute;
    return name;
  }

  value(value: AttributeValue): string {
    const name = placeholder(VALUE_PLACEHOLDERS, ':v', this.valueCount++);
    this.values[name] = value;
    return name;
  }

  /** The placeholder maps for a request, omitting empty ones (DynamoDB rejects those). */
  maps(): {
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Record<string, AttributeValue>;
  } {
    const result: {
      ExpressionAttributeNames?: Record<string, string>;
      ExpressionAttributeValues?: Record<string, AttributeValue>;
    } = {};
    if (this.attributes.length > 0) result.ExpressionAttributeNames = this.names;
    if (this.valueCount > 0) result.ExpressionAttributeValues = this.values;
    return result;
  }
}

/** A ProjectionExpression naming `attributes` through the builder's placeholders. @internal */
export function projectionOf(builder: Placeholders, attributes: readonly string[]): string {
  return attributes.map((name) => builder.name(name)).join(', ');
}

/** Names and values written out, for explain() and messages. @internal */
export const readable: Placeholders = {
  name: (attribute) => attribute,
  value: (value) => displayValue(value),
};

function displayValue(value: AttributeValue): string {
  if (value.S !== undefined) return JSON.stringify(value.S);
  if (value.N !== undefined) return value.N;
  if (value.BOOL !== undefined) return String(value.BOOL);
  if (value.SS !== undefined) return `<<${value.SS.map((s) => JSON.stringify(s)).join(', ')}>>`;
  if (value.NS !== undefined) return `<<${value.NS.join(', ')}>>`;
  if (value.L !== undefined) return `[${value.L.map(displayValue).join(', ')}]`;
  if (value.M !== undefined)
    return `{${Object.entries(value.M)
      .map(([k, v]) => `${k}: ${displayValue(v)}`)
      .join(', ')}}`;
  return 'null';
}
