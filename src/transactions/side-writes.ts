import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { WriteOperation } from '../persistence/write-operation.js';

/**
 * Writes that go with a record but are not its own item (guard items of unique values,
 * habtm link items): their key and a description, for the checks made before a transaction
 * is sent.
 * @internal
 */
interface SideWrite {
  readonly key: Record<string, AttributeValue>;
  readonly description: string;
}

const sideWrites = new WeakMap<WriteOperation, SideWrite>();

/** Marks an operation as a side write with its item key. @internal */
export function markSideWrite(
  operation: WriteOperation,
  key: Record<string, AttributeValue>,
  description: string,
): WriteOperation {
  sideWrites.set(operation, { key, description });
  return operation;
}

/** The side write's key and description, or undefined for a record's own write. @internal */
export function sideWriteOf(operation: WriteOperation): SideWrite | undefined {
  return sideWrites.get(operation);
}
