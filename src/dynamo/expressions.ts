import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * Builds expression placeholders. Every attribute name and value goes through one, so
 * reserved words (`name`, `status`, `size`) and values that look like expression syntax are
 * always safe.
 * @internal
 */
export class ExpressionBuilder {
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
