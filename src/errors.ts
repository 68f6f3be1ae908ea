/**
 * The exception hierarchy, named as in ActiveRecord and the OceanDynamo gem.
 * Every error extends {@link DynamoError}; those about one record carry it as `record`,
 * and those caused by a failed DynamoDB request carry the AWS error as `cause`.
 * Messages name the model, the key and the attribute, never the item's contents.
 */

interface ErrorContext {
  cause?: unknown;
  record?: unknown;
}

/** The base class of every ocean-dynamo error. */
export class DynamoError extends Error {
  /** The record the error is about, when there is one. */
  declare readonly record: unknown;

  constructor(message: string, context: ErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = new.target.name;
    // Not enumerable: error serializers and JSON.stringify copy enumerable properties, and
    // the record holds the item's contents, which must not end up in logs.
    Object.defineProperty(this, 'record', {
      value: context.record,
      enumerable: false,
      writable: false,
      configurable: true,
    });
  }
}

/** The table does not exist in DynamoDB and the model's create policy is false. */
export class TableNotFound extends DynamoError {}
/**
 * A key was given that does not fit the table's primary key: a key value missing or empty, a
 * range value for a table without a range key (or none for one with), a range condition on
 * an attribute that is not the range key.
 */
export class UnknownPrimaryKey extends DynamoError {}
/** DynamoDB reported a table status the library does not know how to wait for. */
export class UnknownTableStatus extends DynamoError {}
/** An attribute was declared with a type ocean-dynamo does not support, or a key with a type DynamoDB keys cannot have. */
export class UnsupportedType extends DynamoError {}
/**
 * A table name DynamoDB does not allow (3 to 255 of a-z, A-Z, 0-9, `_`, `-` and `.`): the
 * declared `tableName` when the class is defined, or the name with the configured
 * `tableNamePrefix`/`tableNameSuffix` before the first request.
 */
export class InvalidTableName extends DynamoError {}
/** A schema declaration DynamoDB cannot hold as written: a local index on a table without a range key. */
export class InvalidSchema extends DynamoError {}
/** DynamoDB could not be reached, or the model's connect policy forbids connecting. */
export class ConnectionNotEstablished extends DynamoError {}
/** `find` found no item for the key(s) asked. */
export class RecordNotFound extends DynamoError {
  /** The keys that were not found, each as `[hash]` or `[hash, range]`. */
  readonly keys: unknown[][];
  constructor(message: string, keys: unknown[][], context: ErrorContext = {}) {
    super(message, context);
    this.keys = keys;
  }
}
/** `saveOrThrow` was halted by a before-callback returning false. */
export class RecordNotSaved extends DynamoError {}
/** `saveOrThrow` failed validation; `record.errors` says why. */
export class RecordInvalid extends DynamoError {}
/** `destroyOrThrow` was halted by a before-callback returning false. */
export class RecordNotDestroyed extends DynamoError {}
/** A create collided with an existing item with the same primary key. */
export class RecordNotUnique extends DynamoError {}
/** A pagination cursor is malformed or belongs to another query. */
export class InvalidCursor extends DynamoError {}
/** The item changed (or vanished) since this instance read it: the optimistic lock failed. */
export class StaleObjectError extends DynamoError {
  /** What was attempted: 'update', 'destroy' or 'touch'. */
  readonly action: string;
  constructor(message: string, action: string, context: ErrorContext = {}) {
    super(message, context);
    this.action = action;
  }
}
/** The record is destroyed (frozen) and can no longer be written. */
export class ReadOnlyRecord extends DynamoError {}
/** An attribute is named like a member of Table and would shadow it. */
export class DangerousAttributeError extends DynamoError {}
/** An attribute name is not declared on the model. */
export class UnknownAttributeError extends DynamoError {}
/** A value cannot be cast to the attribute's type without loss. */
export class AttributeAssignmentError extends DynamoError {}
/** An association was given an instance of the wrong class. */
export class AssociationTypeMismatch extends DynamoError {}
/** A belongsTo declaration is not allowed as written. */
export class BelongsToError extends DynamoError {}
/** A model may belong to one parent only (the parent's id becomes its hash key). */
export class AssociationMustBeUnique extends BelongsToError {}
/** A belongsTo model's range key is its own declared hash key: do not declare another. */
export class RangeKeyMustNotBeSpecified extends BelongsToError {}
/** A belongsTo model's hash key becomes its range key, so it may not be called `id`. */
export class HashKeyMayNotBeNamedId extends BelongsToError {}
/** A hasMany declaration or operation is not allowed as written. */
export class HasManyError extends DynamoError {}
/** A query named a secondary index the model does not declare, or queried it by another hash key than its own. */
export class UnknownIndex extends DynamoError {}
/**
 * DynamoDB could not be asked because no AWS credentials were found: the SDK's credential
 * chain (environment variables, shared config and credentials files, SSO, web identity,
 * process, container and instance metadata) came up empty. Loopback endpoints never get it:
 * they fall back to placeholder credentials.
 */
export class CredentialsNotFound extends ConnectionNotEstablished {}
/**
 * DynamoDB refused a request for a reason no more specific error names (validation,
 * throttling after the retries, an internal error...). `code` is the AWS error's name,
 * `operation` the request's (e.g. 'PutItem'); `cause` is the AWS SDK's error.
 */
export class RequestFailed extends DynamoError {
  readonly code: string;
  readonly operation: string;
  readonly table: string | undefined;
  constructor(
    message: string,
    details: { code: string; operation: string; table?: string | undefined },
    context: ErrorContext = {},
  ) {
    super(message, context);
    this.code = details.code;
    this.operation = details.operation;
    this.table = details.table;
  }
}
/**
 * An item is larger than DynamoDB's 400 KB limit; it was checked before sending, so nothing
 * was stored. `size` and `limit` are in bytes as DynamoDB counts them.
 */
export class ItemTooLarge extends DynamoError {
  readonly size: number;
  readonly limit: number;
  constructor(message: string, size: number, limit: number, context: ErrorContext = {}) {
    super(message, context);
    this.size = size;
    this.limit = limit;
  }
}
/** The key attributes and indexes of a table, as the model declares them or DynamoDB has them. */
export interface TableShape {
  hashKey: string;
  rangeKey: string | null;
  /** Index names with their keys, e.g. `byEmail (email)` or `byDate (forumId, createdAt)`. */
  indexes: string[];
}
/**
 * The table exists, but with other keys than the model declares, or without an index the
 * model declares. `expected` is the model's shape, `actual` the table's.
 */
export class TableSchemaMismatch extends DynamoError {
  readonly table: string;
  readonly expected: TableShape;
  readonly actual: TableShape;
  constructor(
    message: string,
    details: { table: string; expected: TableShape; actual: TableShape },
    context: ErrorContext = {},
  ) {
    super(message, context);
    this.table = details.table;
    this.expected = details.expected;
    this.actual = details.actual;
  }
}
/**
 * A public method was called with an argument of the wrong shape or range (a limit that is
 * not a positive integer, an object where a comparator belongs, `NaN` segments, a consistent
 * read of a global index…); `argument` names it. Thrown before any request is sent.
 * {@link InvalidCondition} is the kind for conditions.
 */
export class InvalidArgument extends DynamoError {
  /** The name of the offending argument or option, e.g. `'limit'` or `'comparator'`. */
  readonly argument: string;
  constructor(message: string, argument: string, context: ErrorContext = {}) {
    super(message, context);
    this.argument = argument;
  }
}
/** A relation's conditions name no key that a Query can use; start from `Model.scan()` to scan. */
export class ScanRequired extends DynamoError {}
/** Several indexes serve a relation's conditions equally well; choose one with `using(name)`. */
export class AmbiguousIndex extends DynamoError {}
/** A record read with `select(...)` was asked for an attribute that was not selected. */
export class MissingAttributeError extends DynamoError {}
/**
 * A condition cannot be sent as written: an unknown comparator, a value the comparator cannot
 * take (`between` without `[low, high]`), conditions of the wrong shape. An
 * {@link InvalidArgument} whose `argument` is `'conditions'` unless a more precise one is named.
 */
export class InvalidCondition extends InvalidArgument {
  constructor(message: string, argument = 'conditions', context: ErrorContext = {}) {
    super(message, argument, context);
  }
}
/** The conditions of a conditional write (`save({ if })`, `destroy({ if })`) did not hold. */
export class ConditionNotMet extends DynamoError {}
/**
 * A write may or may not have applied: its answer was lost after it was sent (a timeout, a
 * reset connection) and resending could not tell. `record` is the record written, `cause`
 * the transport error. The instance keeps any key generated for it, so saving it again
 * repeats the same write; `reload()` shows what DynamoDB holds.
 */
export class WriteOutcomeUnknown extends DynamoError {}
