import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { sameMembers } from '../attribute-value-equality.js';
import { fail, type Codec } from './codec.js';
import { numberText } from './number-text.js';
import { castDate, floatCodec, integerCodec, readInteger } from './scalars.js';
import { checkMillisStorable, readEpochMillis } from './epoch.js';

function elementsOf(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value;
  if (value instanceof Set) return [...value];
  return fail('expected an array or a Set');
}

function castSet<E>(
  value: unknown,
  castElement: (element: unknown) => E,
  keyOf: (e: E) => unknown,
): E[] {
  const result: E[] = [];
  const seen = new Set<unknown>();
  for (const element of elementsOf(value)) {
    const cast = castElement(element);
    const key = keyOf(cast);
    if (seen.has(key)) fail(`duplicate element ${JSON.stringify(String(key))} in a set`);
    seen.add(key);
    result.push(cast);
  }
  return result;
}

function requireElement<E>(cast: E | null): E {
  if (cast === null) return fail('a set cannot hold an empty element');
  return cast;
}

export const stringSetCodec: Codec<string[]> = {
  cast: (value) =>
    castSet(
      value,
      (element) => {
        if (typeof element !== 'string')
          fail(`set elements must be strings, got a ${typeof element}`);
        if (element === '') fail('a set cannot hold an empty string');
        return element;
      },
      (element) => element,
    ),
  // DynamoDB has no empty set: an empty one is stored as an absent attribute.
  toAttributeValue: (value) => (value.length === 0 ? undefined : { SS: [...value] }),
  fromAttributeValue: (value) => (value?.SS ? [...value.SS] : []),
  empty: () => [],
  mutable: true,
  equalsStored: (value, stored) =>
    value.length === 0
      ? stored === undefined
      : stored?.SS !== undefined && sameMembers(value, stored.SS),
};

function numberSetCodec(
  castElement: (element: unknown) => number | null,
  readElement: (text: string) => number,
): Codec<number[]> {
  return {
    cast: (value) =>
      castSet(
        value,
        (element) => requireElement(castElement(element)),
        (n) => n,
      ),
    toAttributeValue: (value) => (value.length === 0 ? undefined : { NS: value.map(numberText) }),
    fromAttributeValue: (value) => (value?.NS ? value.NS.map(readElement) : []),
    empty: () => [],
    mutable: true,
  };
}

export const integerSetCodec = numberSetCodec(integerCodec.cast, readInteger);
export const floatSetCodec = numberSetCodec(floatCodec.cast, Number);

/** A datetime set stored as NS in one epoch unit (see epoch.ts). @internal */
export function datetimeSetCodecIn(
  castElement: (date: Date | null) => Date | null,
  toText: (date: Date) => string,
  fromText: (text: string) => Date,
): Codec<Date[]> {
  return {
    cast: (value) =>
      castSet(
        value,
        (element) => requireElement(castElement(castDate(element))),
        (d) => d.getTime(),
      ),
    toAttributeValue: (value): AttributeValue | undefined =>
      value.length === 0 ? undefined : { NS: value.map(toText) },
    fromAttributeValue: (value) => (value?.NS ? value.NS.map(fromText) : []),
    empty: () => [],
    mutable: true,
  };
}

export const datetimeSetCodec = datetimeSetCodecIn(
  checkMillisStorable,
  (d) => String(d.getTime()),
  readEpochMillis,
);
