import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { sameAttributeValue } from '../attribute-value-equality.js';

/**
 * How one attribute type casts assigned values and converts to and from DynamoDB.
 * @internal
 */
export interface Codec<V = unknown> {
  /**
   * Casts an assigned value, or throws {@link CastFailure}; `modelName` is for its own errors.
   * A mutable result is always a fresh copy, never the object given.
   */
  cast(value: unknown, modelName?: string): V;
  /** The DynamoDB value, or undefined when the attribute is to be absent. */
  toAttributeValue(value: V): AttributeValue | undefined;
  /** The value read back; `undefined` is an absent attribute. */
  fromAttributeValue(value: AttributeValue | undefined): V;
  /** What an unset attribute reads. */
  readonly empty: () => V;
  /** Whether values can be changed in place (arrays, objects, dates). */
  readonly mutable: boolean;
  /** The DynamoDB scalar type when the attribute can be a key. */
  readonly keyType?: 'S' | 'N';
  /**
   * Whether `value` is what `stored` holds, as `toAttributeValue(value)` compared with it
   * would say, without building the DynamoDB value: the dirty check of every save asks this
   * of each decoded attribute.
   */
  equalsStored?(value: V, stored: AttributeValue | undefined): boolean;
}

/** Whether a value is what DynamoDB holds, by the codec's own comparison where it has one. @internal */
export function equalsStored<V>(
  codec: Codec<V>,
  value: V,
  stored: AttributeValue | undefined,
): boolean {
  return codec.equalsStored
    ? codec.equalsStored(value, stored)
    : sameAttributeValue(codec.toAttributeValue(value), stored);
}

/** Why a value could not be cast; the caller adds model and attribute. @internal */
export class CastFailure extends Error {}

/** Throws a CastFailure. @internal */
export function fail(reason: string): never {
  throw new CastFailure(reason);
}

/** DynamoDB's number limits: 38 significant digits, magnitudes 1e-130 to 9.99…e125. */
export function assertStorableNumber(n: number): void {
  if (!Number.isFinite(n)) fail('numbers must be finite');
  const magnitude = Math.abs(n);
  if (magnitude !== 0 && (magnitude >= 1e126 || magnitude < 1e-130)) {
    fail('beyond the range DynamoDB can store (1e-130 to 9.99e125)');
  }
}
