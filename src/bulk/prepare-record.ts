/**
 * One input record of `insertAll` turned into the item to write, as `save` would build it on
 * create (casting, validations, generated key, timestamps, lock 0), or into a rejection that
 * says why not. With callbacks, the save and create callbacks run around the write: the
 * before-callbacks now, the after-callbacks once the record's batch is written.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { STATE } from '../attributes/record-state.js';
import { DynamoError } from '../errors.js';
import { assertItemSize } from '../dynamo/item-size.js';
import type { RecordLike } from '../persistence/record-internals.js';
import { itemToCreate, runValidations } from '../persistence/pipeline.js';
import { assertKeys } from '../persistence/write-requests.js';
import { callbacksOf, schemaOf, type ModelClass } from '../schema/model-class.js';
import type { InsertRejection } from './insert-all.js';

interface Record_ extends RecordLike {
  assignAttributes(attributes: object): void;
}

/** A record ready to be written, or why it will not be. @internal */
export type Prepared =
  | { kind: 'rejected'; rejection: InsertRejection }
  | {
      kind: 'item';
      item: Record<string, AttributeValue>;
      attributes: Record<string, unknown>;
      index: number;
      /** Called once the write succeeded (no argument) or will not happen; runs after-callbacks. */
      finish(error?: unknown): Promise<void>;
    };

const done = () => Promise.resolve();

/** @internal */
export async function prepareRecord(
  model: ModelClass,
  attributes: Record<string, unknown>,
  index: number,
  options: { validate: boolean; callbacks: boolean },
): Promise<Prepared> {
  const rejected = (errors: Record<string, string[]>): Prepared => ({
    kind: 'rejected',
    rejection: { attributes, errors, index },
  });
  const record = new (model as unknown as new () => Record_)();
  const castErrors: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(attributes)) {
    try {
      record.assignAttributes({ [name]: value });
    } catch (error) {
      if (!(error instanceof DynamoError)) throw error;
      castErrors[name] = [error.message];
    }
  }
  if (Object.keys(castErrors).length > 0) return rejected(castErrors);
  if (options.validate && !(await runValidations(record, 'create'))) {
    return rejected(record.errors.toJSON());
  }
  if (!options.callbacks) {
    const item = itemOf(model, record);
    return 'error' in item
      ? rejected({ base: [item.error] })
      : { kind: 'item', item: item.item, attributes, index, finish: done };
  }
  return prepareWithCallbacks(model, record, attributes, index, rejected);
}

async function prepareWithCallbacks(
  model: ModelClass,
  record: Record_,
  attributes: Record<string, unknown>,
  index: number,
  rejected: (errors: Record<string, string[]>) => Prepared,
): Promise<Prepared> {
  const callbacks = callbacksOf(model);
  let ready!: (prepared: Prepared) => void;
  const readied = new Promise<Prepared>((resolve) => (ready = resolve));
  let written!: (error?: unknown) => void;
  const writing = new Promise<void>((resolve, reject) => {
    written = (error) => (error === undefined ? resolve() : reject(error));
  });
  const chain = callbacks.run('save', record, async () => {
    const ran = await callbacks.run('create', record, async () => {
      const item = itemOf(model, record);
      if ('error' in item) {
        ready(rejected({ base: [item.error] }));
        return;
      }
      ready({
        kind: 'item',
        item: item.item,
        attributes,
        index,
        finish: async (error) => {
          written(error);
          if (error === undefined) {
            record[STATE].original = item.item;
            record[STATE].newRecord = false;
            await chain;
          } else await chain.catch(() => undefined);
        },
      });
      await writing;
    });
    if (!ran)
      ready(rejected({ base: [`${model.name} was not saved: a before-callback halted it`] }));
  });
  // Before the body runs, a callback may halt or throw: either way the record is not written.
  chain.then(
    (ran) => {
      if (!ran)
        ready(rejected({ base: [`${model.name} was not saved: a before-callback halted it`] }));
    },
    (error: unknown) => {
      ready(
        rejected({
          base: [error instanceof Error ? error.message : String(error)],
        }),
      );
    },
  );
  return readied;
}

function itemOf(
  model: ModelClass,
  record: Record_,
): { item: Record<string, AttributeValue> } | { error: string } {
  const schema = schemaOf(model);
  const item = itemToCreate(record);
  try {
    assertKeys(schema, model.name, item);
    assertItemSize(model.name, item);
  } catch (error) {
    if (error instanceof DynamoError) return { error: error.message };
    throw error;
  }
  return { item };
}
