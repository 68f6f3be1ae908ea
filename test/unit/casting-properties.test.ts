/**
 * Properties of casting, for every attribute type: casting is idempotent (what an
 * attribute holds casts to itself), a value either casts or is refused with
 * AttributeAssignmentError (never another error, never a silent NaN), and the DynamoDB
 * form of a cast value converts back to the same value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AttributeAssignmentError, Table, type AttributeTypeName } from '../../src/index.js';
import { schemaOf } from '../../src/schema/model-class.js';
import { everyTypeAttributes, validValues, wildInput } from '../support/arbitraries.js';

const TYPES = Object.keys(validValues) as AttributeTypeName[];

class Sample extends Table.schema({
  attributes: everyTypeAttributes,
}) {}

/** Casts through the public API; resolves to the value read back, or the error. */
function cast(type: AttributeTypeName, value: unknown): { value?: unknown; error?: unknown } {
  const sample = new Sample();
  try {
    sample.writeAttribute(type, value);
    return { value: sample.readAttribute(type) };
  } catch (error) {
    return { error };
  }
}

/** Equality that tells -0 from 0 and compares Dates by time, as storage would. */
function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every((k) => Object.hasOwn(b, k) && same((a as never)[k], (b as never)[k]))
    );
  }
  return Object.is(a, b);
}

describe.each(TYPES)('%s', (type) => {
  it('casting is idempotent, and failures are AttributeAssignmentError only', () => {
    fc.assert(
      fc.property(fc.oneof(wildInput, validValues[type]), (input) => {
        const once = cast(type, input);
        if (once.error !== undefined) {
          expect(once.error).toBeInstanceOf(AttributeAssignmentError);
          expect((once.error as Error).message).toContain(`Sample.${type}`);
          return;
        }
        const twice = cast(type, once.value);
        expect(twice.error).toBeUndefined();
        expect(same(twice.value, once.value)).toBe(true);
        // Numbers held by an attribute are always storable: no NaN or Infinity slips through.
        for (const n of [once.value].flat())
          if (typeof n === 'number') expect(Number.isFinite(n)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('valid values are accepted unchanged', () => {
    fc.assert(
      fc.property(validValues[type], (value) => {
        const result = cast(type, value);
        expect(result.error).toBeUndefined();
        expect(same(result.value, normalized(value))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('the DynamoDB form of a cast value converts back to the same value', () => {
    fc.assert(
      fc.property(validValues[type], (value) => {
        const field = schemaField(type);
        const cast = field.codec.cast(value);
        const stored = field.codec.toAttributeValue(cast);
        // Storage goes through JSON on the wire: the stored form must survive that too.
        const wire = stored === undefined ? undefined : JSON.parse(JSON.stringify(stored));
        expect(same(field.codec.fromAttributeValue(wire), cast)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

// -0 is stored by DynamoDB as 0, so casting normalizes it; other values are kept.
function normalized(value: unknown): unknown {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(normalized);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      Object.defineProperty(copy, k, { value: normalized(v), enumerable: true });
    return copy;
  }
  return value;
}

function schemaField(type: AttributeTypeName) {
  return schemaOf(Sample as never).fields.get(type)!;
}
