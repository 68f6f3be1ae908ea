/**
 * The Ruby gem's storage formats, for tables shared with a Ruby service: datetimes as whole
 * epoch seconds in N (`value.to_i`), booleans as the strings "true"/"false" in S. Every other
 * type is stored alike by the gem and by ocean-dynamo (empty strings and sets absent,
 * `serialized` as JSON text). A value stored the other way is refused, never misread.
 */
import { fail, type Codec } from './codec.js';
import { describeStored, readEpochSeconds, secondsText, toWholeSeconds } from './epoch.js';
import { castBoolean, castDate } from './scalars.js';
import { datetimeSetCodecIn } from './sets.js';

/** Whole epoch seconds in N. Assigned dates are truncated to the second, as the gem stores them. */
export const epochSecondsCodec: Codec<Date | null> = {
  cast: (value) => toWholeSeconds(castDate(value)),
  toAttributeValue: (value) => (value === null ? undefined : { N: secondsText(value) }),
  fromAttributeValue: (value) => (value?.N === undefined ? null : readEpochSeconds(value.N)),
  empty: () => null,
  mutable: true,
  keyType: 'N',
};

/** A set of datetimes as NS of whole epoch seconds (the gem had none; this keeps one unit per table). */
export const epochSecondsSetCodec = datetimeSetCodecIn(
  toWholeSeconds,
  secondsText,
  readEpochSeconds,
);

/** "true" or "false" in S. */
export const stringBooleanCodec: Codec<boolean | null> = {
  cast: castBoolean,
  toAttributeValue: (value) => (value === null ? undefined : { S: value ? 'true' : 'false' }),
  fromAttributeValue(value) {
    if (value === undefined) return null;
    if (value.S === 'true') return true;
    if (value.S === 'false') return false;
    return fail(
      `expected S "true" or "false" (the Ruby gem's boolean), found ${describeStored(value)}`,
    );
  },
  empty: () => null,
  mutable: false,
};
