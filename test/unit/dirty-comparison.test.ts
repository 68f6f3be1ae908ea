/**
 * The dirty check asks each codec whether a decoded value is what DynamoDB holds without
 * encoding it (Codec.equalsStored). Its answer must be exactly that of encoding the value and
 * comparing: otherwise a changed attribute would not be saved, or an unchanged one rewritten.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameAttributeValue } from '../../src/attributes/attribute-value-equality.js';
import { codecs, type Codec } from '../../src/attributes/codecs/index.js';
import { equalsStored } from '../../src/attributes/codecs/codec.js';
import { formatCodec } from '../../src/attributes/codecs/storage.js';

const jsonData: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.string({ maxLength: 4 }),
    fc.boolean(),
    fc.integer({ min: -3, max: 3 }),
    fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 8),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', '__proto__'), tie('value'), { maxKeys: 3 }),
  ),
})).value;

// What DynamoDB may hold: the value's own encoding, another value's, or nothing.
function storedBeside<V>(codec: Codec<V>, value: fc.Arbitrary<V>) {
  return fc.tuple(value, value, fc.constantFrom('own', 'other', 'absent')).map(([v, w, which]) => {
    const stored: AttributeValue | undefined =
      which === 'own'
        ? codec.toAttributeValue(v)
        : which === 'other'
          ? codec.toAttributeValue(w)
          : undefined;
    return { value: v, stored };
  });
}

function agrees<V>(codec: Codec<V>, value: V, stored: AttributeValue | undefined): void {
  expect(equalsStored(codec, value, stored)).toBe(
    sameAttributeValue(codec.toAttributeValue(value), stored),
  );
}

describe('dirty comparison without encoding (Codec.equalsStored)', () => {
  it('json documents: the same answer as encoding and comparing', () => {
    const codec = codecs.json;
    expect(codec.equalsStored).toBeTypeOf('function');
    fc.assert(
      fc.property(
        storedBeside(
          codec,
          jsonData.map((v) => codec.cast(v)),
        ),
        ({ value, stored }) => agrees(codec, value, stored),
      ),
      { numRuns: 400 },
    );
  });

  it('json documents: a changed member, an extra key, a reordered list are changes', () => {
    const codec = codecs.json;
    const held = codec.toAttributeValue({ a: [1, 'x'], b: { c: true } });
    expect(equalsStored(codec, { a: [1, 'x'], b: { c: true } }, held)).toBe(true);
    expect(equalsStored(codec, { b: { c: true }, a: [1, 'x'] }, held)).toBe(true);
    expect(equalsStored(codec, { a: [1, 'x'], b: { c: false } }, held)).toBe(false);
    expect(equalsStored(codec, { a: ['x', 1], b: { c: true } }, held)).toBe(false);
    expect(equalsStored(codec, { a: [1, 'x'], b: { c: true }, d: null }, held)).toBe(false);
    expect(equalsStored(codec, { a: [1, 'x'] }, held)).toBe(false);
    expect(equalsStored(codec, { a: [1, 'x'], b: { c: true }, d: undefined }, held)).toBe(true);
    expect(equalsStored(codec, null, undefined)).toBe(true);
    expect(equalsStored(codec, 1, { S: '1' })).toBe(false);
  });

  it('datetimes and string sets: the same answer as encoding and comparing', () => {
    const dates = fc
      .option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: null })
      .map((ms) => (ms === null ? null : new Date(ms)));
    for (const codec of [
      codecs.datetime as Codec<Date | null>,
      formatCodec('datetime', codecs.datetime, undefined, null) as Codec<Date | null>,
    ]) {
      fc.assert(
        fc.property(storedBeside(codec, dates), ({ value, stored }) =>
          agrees(codec, value, stored),
        ),
      );
    }
    const sets = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 4 });
    const codec = codecs.stringSet as Codec<string[]>;
    fc.assert(
      fc.property(storedBeside(codec, sets), ({ value, stored }) => agrees(codec, value, stored)),
    );
    expect(equalsStored(codec, ['b', 'a'], { SS: ['a', 'b'] })).toBe(true);
    expect(equalsStored(codec, [], { SS: ['a'] })).toBe(false);
  });
});
