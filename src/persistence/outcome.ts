import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { WriteOutcomeUnknown } from '../errors.js';
import { describeRecord, type RecordLike } from './record-internals.js';

/** Records whose last write ended in WriteOutcomeUnknown: their next write may find it applied. */
const uncertainRecords = new WeakSet<object>();

/** Marks a record whose last write may or may not have applied. @internal */
export function markOutcomeUnknown(record: object): void {
  uncertainRecords.add(record);
}

/** The error of a write whose outcome could not be established; marks its record. @internal */
export function outcomeUnknown(record: object, action: string, cause: unknown): Error {
  markOutcomeUnknown(record);
  const code =
    (cause as { code?: string; name?: string } | null)?.code ??
    (cause as { name?: string } | null)?.name ??
    'unknown error';
  return new WriteOutcomeUnknown(
    `The ${action} of ${describeRecord(record as RecordLike)} may or may not have been applied: its answer was lost (${code}). Reload it to see, or save it again to repeat the same write`,
    { record, cause },
  );
}

/** Whether the record's last write ended in WriteOutcomeUnknown. @internal */
export function hadUnknownOutcome(record: object): boolean {
  return uncertainRecords.has(record);
}

/** Forgets an unknown outcome once a write of the record is known to have applied. @internal */
export function settleOutcome(record: object): void {
  uncertainRecords.delete(record);
}

/**
 * Takes the item a failed condition returned (ALL_OLD) off the AWS error, so that the error,
 * kept as a `cause`, never carries the item's contents into logs.
 * @internal
 */
export function takeHeldItem(error: unknown): Record<string, AttributeValue> | undefined {
  const holder = error as { Item?: Record<string, AttributeValue> };
  const item = holder.Item;
  if (item !== undefined) delete holder.Item;
  return item;
}
