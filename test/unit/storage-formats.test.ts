import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CastFailure, codecs } from '../../src/attributes/codecs/index.js';
import { epochSecondsCodec, stringBooleanCodec } from '../../src/attributes/codecs/gem-formats.js';
import { describeStored } from '../../src/attributes/codecs/epoch.js';

const millis = codecs.datetime;

describe('telling epoch seconds from milliseconds by magnitude', () => {
  it('milliseconds refuse numbers of 10^8 to 10^10, both ways, and accept the rest', () => {
    expect(() => millis.fromAttributeValue({ N: '100000000' })).toThrow(CastFailure);
    expect(() => millis.fromAttributeValue({ N: '9999999999' })).toThrow(
      /looks like epoch seconds/,
    );
    expect(() => millis.fromAttributeValue({ N: '-1700000000' })).toThrow(CastFailure);
    expect(millis.fromAttributeValue({ N: '99999999' })).toEqual(new Date(99_999_999));
    expect(millis.fromAttributeValue({ N: '10000000000' })).toEqual(new Date(1e10));
    expect(millis.fromAttributeValue({ N: '0' })).toEqual(new Date(0));
    expect(() => millis.cast(new Date(5e9))).toThrow(/cannot be stored as epoch milliseconds/);
    expect(() => millis.cast(-5e9)).toThrow(CastFailure);
    expect(millis.cast(1e10)).toEqual(new Date(1e10));
  });

  it('seconds must be whole and below 10^10; dates beyond are refused on assignment', () => {
    expect(epochSecondsCodec.fromAttributeValue({ N: '9999999999' })).toEqual(
      new Date(9_999_999_999_000),
    );
    expect(() => epochSecondsCodec.fromAttributeValue({ N: '10000000000' })).toThrow(
      /looks like epoch milliseconds/,
    );
    expect(() => epochSecondsCodec.fromAttributeValue({ N: '1.5' })).toThrow(
      /not whole epoch seconds \(the Ruby gem's datetime\)$/,
    );
    expect(() => epochSecondsCodec.cast(new Date('2300-01-01T00:00:00Z'))).toThrow(/after 2286/);
    expect(epochSecondsCodec.cast(new Date(-1500))).toEqual(new Date(-2000));
    expect(epochSecondsCodec.toAttributeValue(new Date(-1500))).toEqual({ N: '-2' });
    expect(epochSecondsCodec.toAttributeValue(null)).toBeUndefined();
    expect(epochSecondsCodec.fromAttributeValue(undefined)).toBeNull();
  });

  it('every date a codec accepts reads back as itself, never refused', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (date) => {
        for (const codec of [millis, epochSecondsCodec]) {
          let cast: Date | null;
          try {
            cast = codec.cast(date) as Date | null;
          } catch (error) {
            expect(error).toBeInstanceOf(CastFailure);
            continue;
          }
          expect(codec.fromAttributeValue(codec.toAttributeValue(cast))).toEqual(cast);
        }
      }),
    );
  });

  it('every date from 1654 to 2285 is storable as epoch seconds', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1654-01-01T00:00:00Z'),
          max: new Date('2285-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (date) => {
          expect(() => epochSecondsCodec.cast(date)).not.toThrow();
        },
      ),
    );
  });
});

describe('booleans', () => {
  it('the gem form reads only "true" and "false"; the native form only BOOL', () => {
    expect(stringBooleanCodec.fromAttributeValue({ S: 'true' })).toBe(true);
    expect(stringBooleanCodec.fromAttributeValue({ S: 'false' })).toBe(false);
    expect(stringBooleanCodec.fromAttributeValue(undefined)).toBeNull();
    expect(() => stringBooleanCodec.fromAttributeValue({ S: 'TRUE' })).toThrow(/found S "TRUE"/);
    expect(() => stringBooleanCodec.fromAttributeValue({ BOOL: false })).toThrow(
      /found BOOL false/,
    );
    expect(stringBooleanCodec.toAttributeValue(null)).toBeUndefined();
    expect(stringBooleanCodec.cast('1')).toBe(true);
    expect(() => codecs.boolean.fromAttributeValue({ S: 'false' })).toThrow(/found S "false"/);
    expect(codecs.boolean.fromAttributeValue(undefined)).toBeNull();
  });

  it('describes a stored value briefly', () => {
    expect(describeStored({ S: 'x'.repeat(100) })).toMatch(/^S "x{36}\.\.\.$/);
    expect(describeStored({ NS: ['1'] })).toBe('NS ["1"]');
  });
});
