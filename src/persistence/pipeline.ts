/**
 * The save / destroy / touch pipeline, written down once:
 * validate → save callbacks → create/update callbacks → timestamps → lock condition → one
 * write. Any failure puts the instance's persistence state back as it was before the call.
 */
import { randomUUID } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { castValue, readValue } from '../attributes/attribute-access.js';
import { changedAttributes, type Changes } from '../attributes/dirty.js';
import {
  restoreState,
  snapshotState,
  STATE,
  type RecordState,
} from '../attributes/record-state.js';
import {
  DynamoError,
  RecordInvalid,
  RecordNotDestroyed,
  RecordNotSaved,
  WriteOutcomeUnknown,
} from '../errors.js';
import { bumpLock, expectedLockValue } from '../locking/optimistic.js';
import { callbacksOf, schemaOf, validationsOf } from '../schema/model-class.js';
import type { ModelSchema } from '../schema/model-schema.js';
import { keptAfterUnknown, managedAttributes, stampCreate, stampUpdate } from '../timestamps.js';
import { currentTransaction } from '../transactions/context.js';
import { whileChecked } from '../transactions/parent-checks.js';
import { writeWithGuards } from '../uniqueness/guarded-write.js';
import { addTakenValueError } from '../uniqueness/guards.js';
import { isBlank } from '../validations/blank.js';
import { conditioned } from '../relations/conditional-write.js';
import {
  assertNotDestroyed,
  describeRecord,
  modelOf,
  type RecordLike,
} from './record-internals.js';
import { changedItem, noteItemBound, updatedItemBound } from './item-sizes.js';
import {
  buildItem,
  createOperation,
  deleteOperation,
  lockCheckOperation,
  updateOperation,
} from './write-requests.js';

/** Thrown inside the pipeline when a callback halts it; never escapes. */
const HALTED = Symbol('halted');

export interface SaveOptions {
  /** false skips validations, as `save(validate: false)` in ActiveRecord. */
  validate?: boolean;
  /** Conditions ANDed with the write's own (relations/conditional-write.ts). */
  if?: unknown;
}

/** Runs the validation callbacks and rules; resolves to whether the record is valid. */
export async function runValidations(
  record: RecordLike,
  context: 'create' | 'update',
): Promise<boolean> {
  return validate(record, context);
}

// The validity of a record; a boolean, not a promise, when the model declares no validation
// rule or callback, so that a save of such a model waits on nothing before its write.
function validate(record: RecordLike, context: 'create' | 'update'): boolean | Promise<boolean> {
  const model = modelOf(record);
  const schema = schemaOf(model);
  const callbacks = callbacksOf(model);
  const rules = validationsOf(model);
  if (!rules && !callbacks.has('validation')) {
    record.errors.clear();
    addKeyPresenceErrors(schema, record);
    return record.errors.isEmpty();
  }
  let valid = false;
  return callbacks
    .run('validation', record, async () => {
      if (rules) await rules.run(record, context);
      else record.errors.clear();
      addKeyPresenceErrors(schema, record);
      valid = record.errors.isEmpty();
    })
    .then((ran) => ran && valid);
}

// Keys the library does not generate must be given (ActiveModel presence: whitespace is blank):
// the range key, or a belongsTo parent id.
function addKeyPresenceErrors(schema: ModelSchema, record: RecordLike): void {
  for (const name of schema.rangeKey ? [schema.hashKey, schema.rangeKey] : [schema.hashKey]) {
    if (name === schema.generatedKey) continue;
    const value = record.readAttribute(name);
    if (isBlank(value) && record.errors.get(name).length === 0) {
      record.errors.add(name, "can't be blank");
    }
  }
}

// Called only when the model has commit callbacks.
async function runAfterCommit(record: RecordLike): Promise<void> {
  const callbacks = callbacksOf(modelOf(record));
  const transaction = currentTransaction();
  const run = async () => {
    await callbacks.run('commit', record, async () => {});
  };
  if (transaction) transaction.afterCommit(run);
  else await run();
}

/**
 * Runs `body` with the state snapshot taken first: restores it on any failure or halt.
 * Resolves to false when halted.
 */
async function guarded(record: RecordLike, body: () => Promise<boolean>): Promise<boolean> {
  const state = record[STATE];
  const schema = schemaOf(modelOf(record));
  currentTransaction()?.track(record);
  // Only what the library itself sets is put back (restoredAfter picks among these).
  const managed = managedAttributes(schema);
  const snapshot = snapshotState(state, managed);
  try {
    if (await body()) return true;
    restoreState(state, snapshot, managed);
    return false;
  } catch (error) {
    restoreState(state, snapshot, restoredAfter(error, schema, state));
    if (error === HALTED) return false;
    throw error;
  }
}

// A create whose outcome is unknown keeps the key and timestamps it was written with, so that
// saving again repeats the same write, which is then recognised if the first one applied.
function restoredAfter(error: unknown, schema: ModelSchema, state: RecordState): readonly string[] {
  if (error instanceof WriteOutcomeUnknown && state.newRecord) return keptAfterUnknown(schema);
  return managedAttributes(schema);
}

/** `save`: validate, then create or update with callbacks. */
export async function save(record: RecordLike, options: SaveOptions = {}): Promise<boolean> {
  assertNotDestroyed(record, 'save');
  const state = record[STATE];
  const creating = state.newRecord;
  if (options.validate !== false) {
    const valid = validate(record, creating ? 'create' : 'update');
    if (!(typeof valid === 'boolean' ? valid : await valid)) return false;
  }
  const callbacks = callbacksOf(modelOf(record));
  const event = creating ? 'create' : 'update';
  const write = () =>
    creating ? createRecord(record, options.if) : updateRecord(record, options.if);
  let saved: boolean;
  try {
    saved = await guarded(record, () =>
      // Without save or create/update callbacks, the write alone: no chain to run around it.
      !callbacks.has('save') && !callbacks.has(event)
        ? write().then(ranToEnd)
        : callbacks.run('save', record, async () => {
            if (!(await callbacks.run(event, record, write))) throw HALTED;
          }),
    );
  } catch (error) {
    // A unique value found taken is a validation failure: its message goes to record.errors.
    if (addTakenValueError(error)) return false;
    throw error;
  }
  if (saved && callbacks.has('commit')) await runAfterCommit(record);
  return saved;
}

const ranToEnd = (): boolean => true;

/** `saveOrThrow`: RecordInvalid on validation failure, RecordNotSaved when halted. */
export async function saveOrThrow(record: RecordLike, options: SaveOptions = {}): Promise<true> {
  if (await save(record, options)) return true;
  if (!record.errors.isEmpty()) {
    throw new RecordInvalid(
      `Validation failed for ${modelOf(record).name}: ${record.errors.fullMessages.join(', ')}`,
      { record },
    );
  }
  throw new RecordNotSaved(
    `${describeRecord(record)} was not saved: a before-callback halted the save`,
    { record },
  );
}

/**
 * What a create writes: an empty generated key gets a UUID, both timestamps are set, and the
 * item is built from the record (also used by insertAll's batches).
 * @internal
 */
export function itemToCreate(record: RecordLike): Record<string, AttributeValue> {
  const schema = schemaOf(modelOf(record));
  const state = record[STATE];
  const generated = schema.fields.get(schema.generatedKey);
  if (generated?.type === 'string' && readValue(state, generated) === '')
    state.values[generated.name] = randomUUID();
  stampCreate(schema, state, Date.now());
  return buildItem(schema, record);
}

// Neither is an async function: each is one step of the save it is called from, which
// handles its throws and rejections alike, and needs no frame of its own around the write.
function createRecord(record: RecordLike, conditions?: unknown): Promise<void> {
  const state = record[STATE];
  const item = itemToCreate(record);
  return writeWithGuards(conditioned(createOperation(record, item), conditions)).then(() => {
    state.original = item;
    state.newRecord = false;
  });
}

function updateRecord(record: RecordLike, conditions?: unknown): Promise<void> {
  const schema = schemaOf(modelOf(record));
  const state = record[STATE];
  const changes = changedAttributes(schema, state);
  const stamped = stampUpdate(schema, state, Date.now());
  if (stamped) addChange(changes, schema, state, stamped);
  return writeUpdate(record, schema, state, changes, 'update', conditions);
}

// A value the write itself sets (a timestamp), encoded once for the request and the original.
function addChange(changes: Changes, schema: ModelSchema, state: RecordState, name: string): void {
  const field = schema.fields.get(name);
  if (field) changes.set(name, field.codec.toAttributeValue(readValue(state, field)));
}

async function writeUpdate(
  record: RecordLike,
  schema: ModelSchema,
  state: RecordState,
  changes: Changes,
  action: 'update' | 'touch',
  conditions?: unknown,
): Promise<void> {
  const expected = expectedLockValue(schema, state);
  const operation = updateOperation(record, changes, expected, action);
  if (!operation) return;
  await writeWithGuards(conditioned(operation, conditions));
  bumpLock(schema, state, expected);
  // What DynamoDB now holds: the values sent, as sent.
  if (schema.lockAttribute && expected !== null)
    changes.set(schema.lockAttribute, { N: String(expected + 1) });
  const original = changedItem(state, changes);
  noteItemBound(state, original, updatedItemBound(state, changes));
  state.original = original;
}

/**
 * `destroy`: callbacks and a lock-conditioned delete; the instance is frozen afterwards.
 * Every write its callbacks and its dependents and links make carries a check of the
 * record's lock, so a stale destroy fails before anything is touched (parent-checks.ts).
 */
export async function destroy(
  record: RecordLike,
  options: { if?: unknown } = {},
): Promise<boolean> {
  assertNotDestroyed(record, 'destroy');
  const state = record[STATE];
  const callbacks = callbacksOf(modelOf(record));
  const destroyed = await guarded(record, () =>
    withLockChecked(record, callbacks.has('destroy'), options.if, (release) =>
      callbacks.run('destroy', record, async () => {
        release();
        if (!state.newRecord) {
          const schema = schemaOf(modelOf(record));
          const operation = deleteOperation(record, expectedLockValue(schema, state), 'destroy');
          await writeWithGuards(conditioned(operation, options.if));
        }
        state.destroyed = true;
        state.frozen = true;
      }),
    ),
  );
  if (destroyed && callbacks.has('commit')) await runAfterCommit(record);
  return destroyed;
}

// Callbacks that may write other items run with the record's lock check held, and with the
// destroy's own `if` conditions, so a destroy that will fail touches no dependent; inside
// transaction() the record's own delete, in the same transaction, is the check.
async function withLockChecked<T>(
  record: RecordLike,
  callbacks: boolean,
  conditions: unknown,
  body: (release: () => void) => Promise<T>,
): Promise<T> {
  const state = record[STATE];
  if (!callbacks || state.newRecord || currentTransaction()) return body(() => {});
  const schema = schemaOf(modelOf(record));
  const check = lockCheckOperation(record, expectedLockValue(schema, state));
  return whileChecked(conditioned(check, conditions), body);
}

/** `destroyOrThrow`: RecordNotDestroyed when a before-callback halts. */
export async function destroyOrThrow(
  record: RecordLike,
  options: { if?: unknown } = {},
): Promise<true> {
  if (await destroy(record, options)) return true;
  throw new RecordNotDestroyed(
    `${describeRecord(record)} was not destroyed: a before-callback halted it`,
    { record },
  );
}

/** `delete`: removes the item without callbacks or lock check, and freezes the instance. */
export async function deleteRecord(record: RecordLike): Promise<void> {
  const state = record[STATE];
  if (!state.newRecord && !state.destroyed) {
    await guarded(record, async () => {
      await writeWithGuards(deleteOperation(record, null, 'delete'));
      return true;
    });
  }
  state.destroyed = true;
  state.frozen = true;
}

/** `touch`: sets the update timestamp (and the named datetime attribute) under the lock. */
export async function touch(record: RecordLike, name?: string): Promise<void> {
  assertNotDestroyed(record, 'touch');
  const model = modelOf(record);
  const schema = schemaOf(model);
  const state = record[STATE];
  if (state.newRecord)
    throw new DynamoError(`Cannot touch a new ${model.name}: save it first`, { record });
  const touchedField = name === undefined ? undefined : schema.fields.get(name);
  if (name !== undefined && touchedField?.type !== 'datetime') {
    throw new DynamoError(`Cannot touch ${model.name}.${name}: it is not a datetime attribute`, {
      record,
    });
  }
  const touched = await guarded(record, () =>
    callbacksOf(model).run('touch', record, async () => {
      const now = Date.now();
      const changes: Changes = new Map();
      const stamped = stampUpdate(schema, state, now);
      if (stamped) addChange(changes, schema, state, stamped);
      if (touchedField) {
        state.values[touchedField.name] = castValue(touchedField, model.name, now);
        addChange(changes, schema, state, touchedField.name);
      }
      await writeUpdate(record, schema, state, changes, 'touch');
    }),
  );
  if (!touched)
    throw new RecordNotSaved(
      `${describeRecord(record)} was not touched: a before-callback halted it`,
      { record },
    );
}
