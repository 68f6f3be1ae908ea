import type { Codec } from './codec.js';
import { fail } from './codec.js';
import {
  attributeValueToJson,
  copyJsonValue,
  jsonEqualsStored,
  jsonToAttributeValue,
} from './json-values.js';

/** JSON text in an S attribute, as the Ruby gem stored `serialized` attributes. */
export const serializedCodec: Codec<unknown> = {
  cast(value) {
    if (value === undefined) return null;
    return copyJsonValue(value);
  },
  toAttributeValue: (value) => (value === null ? undefined : { S: JSON.stringify(value) }),
  fromAttributeValue(value) {
    if (value?.S === undefined) return null;
    try {
      // JSON.parse defines `__proto__` as an own key, so parsed text cannot pollute prototypes.
      return JSON.parse(value.S);
    } catch {
      return fail('the stored text is not valid JSON');
    }
  },
  empty: () => null,
  mutable: true,
};

/** A native DynamoDB map or list. */
export const jsonCodec: Codec<unknown> = {
  cast(value) {
    if (value === undefined) return null;
    return copyJsonValue(value);
  },
  toAttributeValue: (value) => (value === null ? undefined : jsonToAttributeValue(value)),
  fromAttributeValue: (value) => (value === undefined ? null : attributeValueToJson(value)),
  empty: () => null,
  mutable: true,
  equalsStored: (value, stored) =>
    value === null ? stored === undefined : stored !== undefined && jsonEqualsStored(value, stored),
};
