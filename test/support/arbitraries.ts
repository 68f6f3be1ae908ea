/**
 * fast-check generators: for each attribute type, values it must accept (and store
 * unchanged), and wild inputs of every kind for casting.
 */
import fc from 'fast-check';
import { attr, type AttributeTypeName } from '../../src/index.js';

/** Finite doubles DynamoDB can store: zero, or magnitudes 1e-130 to 9.99e125. */
export const storableDouble = fc
  .double({ noNaN: true, noDefaultInfinity: true, min: -9.99e125, max: 9.99e125 })
  .filter((n) => n === 0 || Math.abs(n) >= 1e-130);

// Dates from 1969-09-07 to 1970-04-26 (bar a day around 1970-01-01) are refused as epoch
// milliseconds: their numbers would read as the Ruby gem's epoch seconds (see codecs/epoch.ts).
const date = fc
  .date({ noInvalidDate: true })
  .filter((d) => Math.abs(d.getTime()) < 1e8 || Math.abs(d.getTime()) >= 1e10);

/** Plain JSON data whose numbers DynamoDB can store. */
export const storableJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    storableDouble,
    fc.integer(),
    fc.string({ unit: 'grapheme' }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;

/** Values each attribute type accepts as they are (already in cast form). */
export const validValues: Record<AttributeTypeName, fc.Arbitrary<unknown>> = {
  string: fc.string({ unit: 'grapheme', maxLength: 40 }),
  integer: fc.oneof(fc.constant(null), fc.maxSafeInteger()),
  float: fc.oneof(fc.constant(null), storableDouble),
  datetime: fc.oneof(fc.constant(null), date),
  boolean: fc.oneof(fc.constant(null), fc.boolean()),
  serialized: storableJson,
  json: storableJson,
  stringSet: fc.uniqueArray(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), {
    maxLength: 6,
  }),
  integerSet: fc.uniqueArray(fc.maxSafeInteger(), { maxLength: 6 }),
  floatSet: fc.uniqueArray(storableDouble, { maxLength: 6, selector: (n) => (n === 0 ? 0 : n) }),
  datetimeSet: fc.uniqueArray(date, { maxLength: 6, selector: (d) => d.getTime() }),
};

/** Anything an application might assign: valid values, near misses and garbage. */
export const wildInput: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ withDate: true, withSet: true, withBigInt: true, withNullPrototype: true }),
  fc.double(),
  fc.string(),
  fc.stringMatching(/^\s*[+-]?\d{1,20}(\.\d{0,5})?([eE][+-]?\d{1,3})?\s*$/),
  fc.constantFrom(
    'true',
    'false',
    '1',
    '0',
    ' TRUE ',
    '',
    '  ',
    'NaN',
    'Infinity',
    '2024-02-29T12:00:00Z',
    '1e3',
  ),
  date,
  fc.array(fc.oneof(fc.integer(), fc.string(), date, fc.double()), { maxLength: 5 }),
  fc.array(fc.string({ minLength: 1 })).map((a) => new Set(a)),
);

/** One attribute of every type, each named after its type. */
export const everyTypeAttributes = {
  string: attr.string(),
  integer: attr.integer(),
  float: attr.float(),
  datetime: attr.datetime(),
  boolean: attr.boolean(),
  serialized: attr.serialized<unknown>(),
  json: attr.json<unknown>(),
  stringSet: attr.stringSet(),
  integerSet: attr.integerSet(),
  floatSet: attr.floatSet(),
  datetimeSet: attr.datetimeSet(),
};
