import type { AttributeTypeName } from '../../schema/attribute-types.js';
import type { Codec } from './codec.js';
import { jsonCodec, serializedCodec } from './documents.js';
import { booleanCodec, datetimeCodec, floatCodec, integerCodec, stringCodec } from './scalars.js';
import { datetimeSetCodec, floatSetCodec, integerSetCodec, stringSetCodec } from './sets.js';

export { CastFailure, type Codec } from './codec.js';

/** The codec of each attribute type. @internal */
export const codecs: Readonly<Record<AttributeTypeName, Codec>> = {
  string: stringCodec as Codec,
  integer: integerCodec as Codec,
  float: floatCodec as Codec,
  datetime: datetimeCodec as Codec,
  boolean: booleanCodec as Codec,
  serialized: serializedCodec,
  json: jsonCodec,
  stringSet: stringSetCodec as Codec,
  integerSet: integerSetCodec as Codec,
  floatSet: floatSetCodec as Codec,
  datetimeSet: datetimeSetCodec as Codec,
};
