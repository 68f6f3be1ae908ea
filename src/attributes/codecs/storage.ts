/**
 * Which storage format each attribute uses. Only datetimes and booleans differ between
 * ocean-dynamo's own format and the Ruby gem's; the choice is, first to last: the attribute's
 * `storedAs`, the model's `storage`, then `configure({ storage })` at the time of each read
 * and write.
 */
import { currentConfiguration } from '../../configuration.js';
import type { AttributeTypeName } from '../../schema/attribute-types.js';
import { equalsStored, type Codec } from './codec.js';
import { epochSecondsCodec, epochSecondsSetCodec, stringBooleanCodec } from './gem-formats.js';
import { booleanCodec, datetimeCodec } from './scalars.js';
import { datetimeSetCodec } from './sets.js';

/** 'native': epoch milliseconds and BOOL; 'gem': the Ruby gem's epoch seconds and "true"/"false". */
export type Storage = 'native' | 'gem';
/** How a datetime (or datetime set) is stored: whole epoch seconds (the gem) or milliseconds. */
export type DatetimeStoredAs = 'epochSeconds' | 'epochMillis';
/** How a boolean is stored: the strings "true"/"false" (the gem) or a native BOOL. */
export type BooleanStoredAs = 'string' | 'bool';
export type StoredAs = DatetimeStoredAs | BooleanStoredAs;

type FormattedType = 'datetime' | 'datetimeSet' | 'boolean';

const FORMATS: Record<FormattedType, Record<Storage, Codec>> = {
  datetime: { native: datetimeCodec as Codec, gem: epochSecondsCodec as Codec },
  datetimeSet: { native: datetimeSetCodec as Codec, gem: epochSecondsSetCodec as Codec },
  boolean: { native: booleanCodec as Codec, gem: stringBooleanCodec as Codec },
};

const STORED_AS: Record<StoredAs, { storage: Storage; types: readonly FormattedType[] }> = {
  epochSeconds: { storage: 'gem', types: ['datetime', 'datetimeSet'] },
  epochMillis: { storage: 'native', types: ['datetime', 'datetimeSet'] },
  string: { storage: 'gem', types: ['boolean'] },
  bool: { storage: 'native', types: ['boolean'] },
};

function isFormatted(type: AttributeTypeName): type is FormattedType {
  return type in FORMATS;
}

/** Whether `storedAs` applies to attributes of `type`. @internal */
export function storedAsFits(type: AttributeTypeName, storedAs: string): boolean {
  const entry = STORED_AS[storedAs as StoredAs] as (typeof STORED_AS)[StoredAs] | undefined;
  return entry !== undefined && isFormatted(type) && entry.types.includes(type);
}

/** The configured storage, read at each use so `configure` may come after the models. */
function configuredStorage(): Storage {
  return currentConfiguration().storage ?? 'native';
}

// A codec that picks its format from the configuration at every call.
function followingConfiguration(formats: Record<Storage, Codec>): Codec {
  const pick = () => formats[configuredStorage()];
  return {
    cast: (value) => pick().cast(value),
    toAttributeValue: (value) => pick().toAttributeValue(value),
    fromAttributeValue: (value) => pick().fromAttributeValue(value),
    equalsStored: (value, stored) => equalsStored(pick(), value, stored),
    empty: formats.native.empty,
    mutable: formats.native.mutable,
    ...(formats.native.keyType ? { keyType: formats.native.keyType } : {}),
  };
}

/**
 * The codec of an attribute of `type`, given its `storedAs` and the model's storage
 * (null when the model follows `configure`). @internal
 */
export function formatCodec(
  type: AttributeTypeName,
  fallback: Codec,
  storedAs: StoredAs | undefined,
  storage: Storage | null,
): Codec {
  if (!isFormatted(type)) return fallback;
  const formats = FORMATS[type];
  if (storedAs !== undefined) return formats[STORED_AS[storedAs].storage];
  if (storage !== null) return formats[storage];
  return followingConfiguration(formats);
}
