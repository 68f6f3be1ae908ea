/**
 * The link table of a `hasAndBelongsToMany` pair. Every link is stored twice, once per
 * direction, so that both sides find their partners with a key query:
 *
 * | `source` (hash, S)   | `target` (range, S) | `targetKey` (M)            |
 * |----------------------|---------------------|----------------------------|
 * | `"posts#<post id>"`  | `"<tag id>"`        | the tag's DynamoDB key     |
 * | `"tags#<tag id>"`    | `"<post id>"`       | the post's DynamoDB key    |
 *
 * The table is named after the two tables in alphabetical order, `<a>_<b>_links`
 * (`posts_tags_links`), with the configured prefix and suffix. A record's id in `source`
 * and `target` is its hash key, or `"<hash>:<range>"` for a table with a range key. Both
 * items of a link are written, and removed, in one TransactWriteItems.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { STATE } from '../attributes/record-state.js';
import { DynamoError } from '../errors.js';
import { itemKey, modelOf, type RecordLike } from '../persistence/record-internals.js';
import type { WriteOperation } from '../persistence/write-operation.js';
import {
  baseTableName,
  defineSchema,
  schemaOf,
  tableFullNameOf,
  type ModelClass,
} from '../schema/model-class.js';
import { ModelSchema } from '../schema/model-schema.js';
import { markSideWrite, sideWriteOf } from '../transactions/side-writes.js';

type Item = Record<string, AttributeValue>;

/** @internal */
export const LINK_SOURCE = 'source';
/** @internal */
export const LINK_TARGET = 'target';
/** @internal */
export const LINK_TARGET_KEY = 'targetKey';

const linkModels = new Map<string, ModelClass>();

/** The model of the link table between `a` and `b` (either order gives the same). @internal */
export function linkModelOf(a: ModelClass, b: ModelClass): ModelClass {
  const [first, second] = [a, b].sort((x, y) =>
    baseTableName(x).localeCompare(baseTableName(y)),
  ) as [ModelClass, ModelClass];
  const tableName = `${baseTableName(first)}_${baseTableName(second)}_links`;
  let model = linkModels.get(tableName);
  if (model) return model;
  const schema = schemaOf(first);
  const linkSchema = new ModelSchema({
    tableName,
    hashKey: LINK_SOURCE,
    rangeKey: LINK_TARGET,
    readCapacityUnits: schema.readCapacityUnits,
    writeCapacityUnits: schema.writeCapacityUnits,
    billingMode: schema.billingMode,
    create: schema.create || schemaOf(second).create,
    locking: false,
    timestamps: false,
  });
  const name = `${first.name}${second.name}Link`;
  model = { [name]: class {} }[name] as unknown as ModelClass;
  defineSchema(model, linkSchema);
  linkModels.set(tableName, model);
  return model;
}

/** A record's id as links hold it: the hash key, or `"<hash>:<range>"`. @internal */
export function linkId(record: RecordLike): string {
  const model = modelOf(record);
  return linkIdOfKey(model, itemKey(schemaOf(model), record[STATE]));
}

/** The link id of the record of `model` with this DynamoDB key. @internal */
export function linkIdOfKey(model: ModelClass, key: Item): string {
  const schema = schemaOf(model);
  const names = schema.keyNames;
  return names.map((name) => key[name]?.S ?? key[name]?.N ?? '').join(':');
}

/** The `source` under which a record's links are stored. @internal */
export function linkSource(record: RecordLike): string {
  return `${baseTableName(modelOf(record))}#${linkId(record)}`;
}

/** The key of the link item from `from` to `to`. @internal */
export function linkKey(from: RecordLike, to: RecordLike): Item {
  return { [LINK_SOURCE]: { S: linkSource(from) }, [LINK_TARGET]: { S: linkId(to) } };
}

function describeLink(a: RecordLike, b: RecordLike): string {
  return `the link between ${modelOf(a).name} ${JSON.stringify(linkId(a))} and ${modelOf(b).name} ${JSON.stringify(linkId(b))}`;
}

function noCondition(): Error {
  return new DynamoError('A link write has no condition to fail');
}

/** The two Puts that link `a` and `b`, one per direction. @internal */
export function linkOperations(a: RecordLike, b: RecordLike): WriteOperation[] {
  const table = tableFullNameOf(linkModelOf(modelOf(a), modelOf(b)));
  return [
    [a, b],
    [b, a],
  ].map(([from, to]) => {
    const key = linkKey(from as RecordLike, to as RecordLike);
    const item: Item = {
      ...key,
      [LINK_TARGET_KEY]: {
        M: itemKey(schemaOf(modelOf(to as RecordLike)), (to as RecordLike)[STATE]),
      },
    };
    const operation: WriteOperation = {
      kind: 'Put',
      action: 'create',
      record: a,
      input: { TableName: table, Item: item },
      conditionFailed: noCondition,
    };
    return markSideWrite(operation, key, describeLink(from as RecordLike, to as RecordLike));
  });
}

/** The keys of both items of the link between a record and a partner, given by its link id. @internal */
export function unlinkKeys(
  record: RecordLike,
  partnerModel: ModelClass,
  partnerId: string,
): Item[] {
  return [
    { [LINK_SOURCE]: { S: linkSource(record) }, [LINK_TARGET]: { S: partnerId } },
    {
      [LINK_SOURCE]: { S: `${baseTableName(partnerModel)}#${partnerId}` },
      [LINK_TARGET]: { S: linkId(record) },
    },
  ];
}

/**
 * The two Deletes that unlink a record from a partner that must be linked: the record's side
 * is conditioned on the link being there, and fails with `notLinked()` (cancelling the
 * transaction it is in) when it is not.
 * @internal
 */
export function requiredUnlinkOperations(
  record: RecordLike,
  partnerModel: ModelClass,
  partnerId: string,
  notLinked: (cause: unknown) => Error,
): WriteOperation[] {
  const [own, partnerSide] = unlinkOperations(record, partnerModel, partnerId);
  const side = sideWriteOf(own!)!;
  const conditioned: WriteOperation = {
    ...own!,
    input: {
      ...own!.input,
      ConditionExpression: 'attribute_exists(#s)',
      ExpressionAttributeNames: { '#s': LINK_SOURCE },
    },
    conditionFailed: (_held, cause) => notLinked(cause),
  } as WriteOperation;
  return [markSideWrite(conditioned, side.key, side.description), partnerSide!];
}

/**
 * The two Deletes that unlink a record from a partner, given by its link id (the partner
 * itself may be gone).
 * @internal
 */
export function unlinkOperations(
  record: RecordLike,
  partnerModel: ModelClass,
  partnerId: string,
): WriteOperation[] {
  const table = tableFullNameOf(linkModelOf(modelOf(record), partnerModel));
  return unlinkKeys(record, partnerModel, partnerId).map((key) => {
    const operation: WriteOperation = {
      kind: 'Delete',
      action: 'delete',
      record,
      input: { TableName: table, Key: key },
      conditionFailed: null,
    };
    return markSideWrite(
      operation,
      key,
      `the link ${JSON.stringify(key[LINK_SOURCE]?.S)} → ${JSON.stringify(key[LINK_TARGET]?.S)}`,
    );
  });
}
