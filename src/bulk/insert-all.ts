/**
 * `Model.insertAll`: moves many records into a model's table with BatchWriteItem, 25 items
 * a request and several requests in flight, streaming its input so memory stays flat.
 *
 * ```ts
 * const report = await Post.insertAll(rows, { onProgress: (p) => console.log(p.written) });
 * report.rejected; // [{ attributes, errors }] for records that failed casting or validation
 * ```
 *
 * BatchWriteItem has no conditions, so `overwrite: false` (the default) reads each batch's
 * keys first (a consistent BatchGetItem) and refuses those found. Keys of batches this call
 * has in flight are held, so the call never races itself; a writer elsewhere creating the
 * same key between that read and the write would be overwritten (see docs/migrating.md).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoError } from '../errors.js';
import { batchGetItems } from '../dynamo/batch-get.js';
import { keyIdentity, tableKeyNames } from '../dynamo/keys.js';
import { putRequest, REQUESTS_PER_BATCH, writeBatch } from '../dynamo/batch-write.js';
import { tableFullNameOf, type ModelClass } from '../schema/model-class.js';
import { uniqueAttributesOf } from '../uniqueness/declaration.js';
import { prepareRecord, type Prepared } from './prepare-record.js';

/** Options of `Model.insertAll`. */
export interface InsertAllOptions {
  /** Run the model's validations (and validation callbacks); invalid records are rejected. Default true. */
  validate?: boolean;
  /** Run the save and create callbacks around each record's write. Default false. */
  callbacks?: boolean;
  /** Replace items whose key exists (true), or refuse them (false, the default). */
  overwrite?: boolean;
  /**
   * With `overwrite: false`: count records whose key exists as `skipped` instead of rejecting
   * them, as when resuming an interrupted import. Default false.
   */
  skipExisting?: boolean;
  /** BatchWriteItem requests in flight at once. Default 8. */
  concurrency?: number;
  /** Called after each batch is written. */
  onProgress?: (progress: InsertProgress) => void;
  /**
   * Receives each rejected record as it is rejected; when given, rejections are not also
   * collected in the report, so memory stays flat however many there are.
   */
  onReject?: (rejection: InsertRejection) => void;
}

/** How far an insertAll has got. */
export interface InsertProgress {
  written: number;
  rejected: number;
  skipped: number;
  retried: number;
  /** The first `settled` input records are all written, rejected or skipped: a restart may skip them. */
  settled: number;
}

/** A record that was not written, with why. */
export interface InsertRejection {
  /** The attributes as given. */
  attributes: Record<string, unknown>;
  /** `{ attribute: [messages] }`; `base` for the record as a whole (e.g. an existing key). */
  errors: Record<string, string[]>;
  /** Its position in the input, from 0. */
  index: number;
}

/** What `Model.insertAll` resolves to. */
export interface InsertReport {
  written: number;
  rejected: InsertRejection[];
  skipped: number;
  /** Items DynamoDB left unprocessed and that were sent again. */
  retried: number;
}

const DEFAULT_CONCURRENCY = 8;

type Entry = Extract<Prepared, { kind: 'item' }> & { identity: string };

/** @internal */
export async function insertAll(
  model: ModelClass,
  input: Iterable<object> | AsyncIterable<object>,
  options: InsertAllOptions = {},
): Promise<InsertReport> {
  assertNoUniqueness(model);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new DynamoError(
      `${model.name}.insertAll: concurrency must be a whole number of 1 or more, not ${String(concurrency)}`,
    );
  }
  const overwrite = options.overwrite === true;
  const table = tableFullNameOf(model);
  const keyNames = tableKeyNames(model);
  const report: InsertReport = { written: 0, rejected: [], skipped: 0, retried: 0 };
  let rejectedCount = 0;

  // The first `settled` inputs are done; those done ahead of it wait here (bounded by what is in flight).
  let settled = 0;
  const doneAhead = new Set<number>();
  const settle = (index: number) => {
    if (index !== settled) {
      doneAhead.add(index);
      return;
    }
    settled++;
    while (doneAhead.delete(settled)) settled++;
  };
  const reject = (rejection: InsertRejection) => {
    rejectedCount++;
    if (options.onReject) options.onReject(rejection);
    else report.rejected.push(rejection);
    settle(rejection.index);
  };
  const progress = () =>
    options.onProgress?.({
      written: report.written,
      rejected: rejectedCount,
      skipped: report.skipped,
      retried: report.retried,
      settled,
    });

  const pendingKeys = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;

  const send = async (batch: Entry[]) => {
    let toWrite = batch;
    if (!overwrite) {
      const found = await batchGetItems(
        model,
        batch.map((entry) => keyOf(entry.item, keyNames)),
        { consistent: true },
      );
      toWrite = [];
      batch.forEach((entry, i) => {
        if (found[i] === undefined) toWrite.push(entry);
        else if (options.skipExisting === true) {
          report.skipped++;
          void entry.finish(new DynamoError('skipped: the key exists'));
          settle(entry.index);
        } else {
          void entry.finish(new DynamoError('the key exists'));
          reject({
            attributes: entry.attributes,
            errors: { base: [`${model.name} ${describeKey(entry.item, keyNames)} already exists`] },
            index: entry.index,
          });
        }
      });
    }
    if (toWrite.length > 0) {
      report.retried += await writeBatch(
        model,
        table,
        toWrite.map((entry) => putRequest(entry.item)),
      );
    }
    for (const entry of toWrite) {
      await entry.finish();
      report.written++;
      settle(entry.index);
    }
    for (const entry of batch) pendingKeys.delete(entry.identity);
    progress();
  };

  const launch = async (batch: Entry[]) => {
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure !== undefined) throw failure;
    const sending: Promise<void> = send(batch).then(
      () => {
        inFlight.delete(sending);
      },
      (error: unknown) => {
        inFlight.delete(sending);
        failure ??= error;
        for (const entry of batch) void entry.finish(error);
      },
    );
    inFlight.add(sending);
  };

  let batch: Entry[] = [];
  const batchKeys = new Set<string>();
  const flush = async () => {
    if (batch.length === 0) return;
    const full = batch;
    batch = [];
    batchKeys.clear();
    await launch(full);
  };

  try {
    let index = 0;
    for await (const attributes of input) {
      if (failure !== undefined) break;
      const prepared = await prepareRecord(model, attributes as Record<string, unknown>, index++, {
        validate: options.validate !== false,
        callbacks: options.callbacks === true,
      });
      if (prepared.kind === 'rejected') {
        reject(prepared.rejection);
        continue;
      }
      const identity = keyIdentity(prepared.item, keyNames);
      if (pendingKeys.has(identity) && !batchKeys.has(identity) && overwrite) {
        // The earlier write of this key is in flight: let it land first, so the last one wins.
        await Promise.all(inFlight);
      } else if (batchKeys.has(identity) && overwrite) {
        await flush();
        await Promise.all(inFlight);
      } else if (pendingKeys.has(identity)) {
        void prepared.finish(new DynamoError('duplicate key'));
        reject({
          attributes: prepared.attributes,
          errors: {
            base: [
              `${model.name} ${describeKey(prepared.item, keyNames)} appears more than once in the input`,
            ],
          },
          index: prepared.index,
        });
        continue;
      }
      pendingKeys.add(identity);
      batchKeys.add(identity);
      batch.push({ ...prepared, identity });
      if (batch.length === REQUESTS_PER_BATCH) await flush();
    }
    if (failure === undefined) await flush();
  } finally {
    await Promise.all(inFlight);
  }
  if (failure !== undefined) throw failure;
  return report;
}

function keyOf(item: Record<string, AttributeValue>, keyNames: readonly string[]) {
  const key: Record<string, AttributeValue> = {};
  for (const name of keyNames) key[name] = item[name] as AttributeValue;
  return key;
}

function describeKey(item: Record<string, AttributeValue>, keyNames: readonly string[]): string {
  const values = keyNames.map((name) => {
    const value = item[name];
    return value?.S ?? value?.N ?? '?';
  });
  return JSON.stringify(values);
}

// Unique values are kept by guard items written with each save; BatchWriteItem cannot write
// them atomically with the record, so a bulk insert would leave values unguarded.
function assertNoUniqueness(model: ModelClass): void {
  const uniques = uniqueAttributesOf(model);
  if (uniques.length > 0) {
    throw new DynamoError(
      `${model.name}.insertAll cannot keep the unique-value guards of ${uniques
        .map((u) => `'${u.name}'`)
        .join(
          ', ',
        )}: create these records with save() (e.g. in a loop), or insert before declaring the uniqueness validation`,
    );
  }
}
