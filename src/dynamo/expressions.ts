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

/**
 * Builds expression placeholders. Every attribute name and value goes through one, so
 * reserved words (`name`, `status`, `size`) and values that look like expression syntax are
 * always safe.
 * @internal
 */
export class ExpressionBuilder implements Placeholders {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};
  private readonly nameIndex = new Map<string, string>();
  private valueCount = 0;

  name(attribute: string): string {
    let placeholder = this.nameIndex.get(attribute);
    if (placeholder === undefined) {
      placeholder = `#n${this.nameIndex.size}`;
      this.nameIndex.set(attribute, placeholder);
      this.names[placeholder] = attribute;
    }
    return placeholder;
  }

  value(value: AttributeValue): string {
    const placeholder = `:v${this.valueCount++}`;
    this.values[placeholder] = value;
    return placeholder;
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
    if (this.nameIndex.size > 0) result.ExpressionAttributeNames = this.names;
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
