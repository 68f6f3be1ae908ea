/**
 * `record.increment(name, by)`: one atomic ADD, never resent when its answer is lost (see
 * connection/write-attempts.ts), refused for a unique attribute, whose guard it cannot claim.
 */
import { castValue, readValue } from '../attributes/attribute-access.js';
import { numberText } from '../attributes/codecs/number-text.js';
import { STATE } from '../attributes/record-state.js';
import { DynamoError } from '../errors.js';
import { schemaOf } from '../schema/model-class.js';
import { uniqueAttributesOf } from '../uniqueness/declaration.js';
import { performWrite } from './perform-write.js';
import { assertNotDestroyed, modelOf, type RecordLike } from './record-internals.js';
import { incrementOperation } from './write-requests.js';

/** `increment`: an atomic ADD that bypasses the lock and timestamps; resolves to the new value. */
export async function increment(record: RecordLike, name: string, by = 1): Promise<number> {
  assertNotDestroyed(record, 'increment');
  const model = modelOf(record);
  const schema = schemaOf(model);
  const field = schema.fields.get(name);
  if (!field || (field.type !== 'integer' && field.type !== 'float')) {
    throw new DynamoError(
      `Cannot increment ${model.name}.${name}: it is not an integer or float attribute`,
      { record },
    );
  }
  if (uniqueAttributesOf(model).some((unique) => unique.name === name)) {
    throw new DynamoError(
      `Cannot increment ${model.name}.${name}: it is unique, and an increment cannot claim its new value's guard (assign the value and save instead)`,
      { record },
    );
  }
  const amount = castValue(field, model.name, by) as number | null;
  if (amount === null)
    throw new DynamoError(`Cannot increment ${model.name}.${name} by ${String(by)}`, { record });
  const state = record[STATE];
  if (state.newRecord)
    throw new DynamoError(`Cannot increment ${model.name}.${name} of a new record: save it first`, {
      record,
    });
  const output = await performWrite(incrementOperation(record, name, amount));
  const stored = output?.Attributes?.[name];
  // Inside a transaction the new value is not known before the commit: assume ours applies.
  const value =
    stored?.N !== undefined
      ? Number(stored.N)
      : ((readValue(state, field) as number | null) ?? 0) + amount;
  if (field.type === 'integer' && !Number.isSafeInteger(value)) {
    throw new DynamoError(
      `${model.name}.${name} was incremented to ${stored?.N ?? String(value)}, beyond the integers a JavaScript number holds exactly (±${Number.MAX_SAFE_INTEGER})`,
      { record },
    );
  }
  state.values[name] = value;
  // The counter itself is not a pending change: it is what DynamoDB now holds.
  state.original = { ...state.original, [name]: { N: numberText(value) } };
  return value;
}
