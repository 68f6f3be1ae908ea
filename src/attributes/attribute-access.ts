import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  AttributeAssignmentError,
  MissingAttributeError,
  ReadOnlyRecord,
  UnknownAttributeError,
} from '../errors.js';
import type { FieldDefinition, ModelSchema } from '../schema/model-schema.js';
import { CastFailure } from './codecs/index.js';
import type { RecordState } from './record-state.js';

/** A short, safe rendering of a rejected value for an error message. @internal */
export function previewValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    text = String(value);
  else if (value === null || value === undefined) text = String(value);
  else if (value instanceof Date) text = `Date(${String(value.getTime())})`;
  else if (Array.isArray(value)) text = `an array of ${value.length}`;
  else text = `a ${typeof value}`;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The field, or UnknownAttributeError naming the model and the attribute. @internal */
export function fieldOrThrow(
  schema: ModelSchema,
  modelName: string,
  name: string,
): FieldDefinition {
  const field = schema.fields.get(name);
  if (!field) {
    throw new UnknownAttributeError(
      `Unknown attribute '${name}' for ${modelName} (its attributes: ${[...schema.fields.keys()].join(', ')})`,
    );
  }
  return field;
}

/** Casts a value for a field, naming model, attribute and value when it cannot. @internal */
export function castValue(field: FieldDefinition, modelName: string, value: unknown): unknown {
  try {
    return field.codec.cast(value, modelName);
  } catch (error) {
    if (error instanceof CastFailure) {
      throw new AttributeAssignmentError(
        `Cannot assign ${previewValue(value)} to ${modelName}.${field.name} (${field.type}): ${error.message}`,
      );
    }
    throw error;
  }
}

/** Reads a value, decoding it from the stored item on first access. @internal */
export function readValue(state: RecordState, field: FieldDefinition): unknown {
  const values = state.values;
  const name = field.name;
  if (Object.hasOwn(values, name)) return values[name];
  if (state.selected !== undefined && !state.selected.names.has(name)) throwMissing(state, name);
  let value: unknown;
  try {
    value = field.codec.fromAttributeValue(state.original[name]);
  } catch (error) {
    if (error instanceof CastFailure) {
      throw new AttributeAssignmentError(
        `Cannot read '${name}' (${field.type}) from the stored item: ${error.message}`,
        { cause: error },
      );
    }
    throw error;
  }
  values[name] = value;
  return value;
}

function throwMissing(state: RecordState, name: string): never {
  const { model, names } = state.selected!;
  throw new MissingAttributeError(
    `Missing attribute ${model}.${name}: the record was read with select(${[...names].map((n) => `'${n}'`).join(', ')})`,
  );
}

/** Casts and writes a value. @internal */
export function writeValue(
  state: RecordState,
  field: FieldDefinition,
  modelName: string,
  value: unknown,
  keyNames: readonly string[],
): void {
  if (state.frozen) {
    throw new ReadOnlyRecord(`${modelName} is destroyed and frozen: cannot write '${field.name}'`);
  }
  const cast = castValue(field, modelName, value);
  if (!state.newRecord && keyNames.includes(field.name)) {
    const current = readValue(state, field);
    const same =
      current instanceof Date && cast instanceof Date
        ? current.getTime() === cast.getTime()
        : current === cast;
    if (!same) {
      throw new AttributeAssignmentError(
        `Cannot change ${modelName}.${field.name}: it is part of the primary key of a persisted record`,
      );
    }
  }
  state.values[field.name] = cast;
}

/** The starting values of a new record: defaults (copied per instance) or the empty value. @internal */
export function initialState(schema: ModelSchema, modelName: string): RecordState {
  const values: Record<string, unknown> = {};
  const original: Record<string, AttributeValue | undefined> = {};
  for (const field of schema.fields.values()) {
    const declared = field.default;
    if (declared === undefined) {
      values[field.name] = field.codec.empty();
      continue;
    }
    const raw = typeof declared === 'function' ? (declared as () => unknown)() : declared;
    // A cast returns a value of its own (arrays, objects and dates are copies): no two
    // instances share a mutable default.
    const value = castValue(field, modelName, raw);
    values[field.name] = value;
    original[field.name] = field.codec.toAttributeValue(value);
  }
  return newState(values, original, true);
}

/** The state of a record read from DynamoDB: nothing decoded until read. @internal */
export function loadedState(item: Record<string, AttributeValue>): RecordState {
  return newState({}, item, false);
}

// Every field from the start: a state that gains one later (a size, a selection) would
// change shape, and the hot functions reading states would see several shapes.
function newState(
  values: Record<string, unknown>,
  original: Record<string, AttributeValue | undefined>,
  newRecord: boolean,
): RecordState {
  return {
    values,
    original,
    newRecord,
    destroyed: false,
    frozen: false,
    selected: undefined,
    boundItem: undefined,
    itemBound: undefined,
  };
}
