/**
 * ocean-dynamo: ActiveRecord for Amazon DynamoDB. This file is the whole public surface.
 */
export { Table, type ModelType, type SchemaModel, type FieldInfo, type WriteIf } from './table.js';
export {
  attr,
  type AttributeDefinition,
  type AttributeOptions,
  type AttributeTypeName,
} from './schema/attribute-types.js';
export type {
  SchemaOptions,
  BelongsToDeclaration,
  GlobalIndexOptions,
  IndexProjection,
} from './schema/options.js';
export type { GlobalIndex, LocalIndex } from './schema/model-schema.js';
export type {
  InferAttributes,
  ModelInput,
  AttributesOf,
  Assignable,
  Attributed,
  Keyed,
  IdAccessor,
  HashKeyName,
  RangeKeyName,
  BelongsToName,
  ForeignKeyName,
  BelongsToLoader,
  AssociationInput,
} from './schema/inference.js';
export type {
  AttributeValue,
  AttributeNameOf,
  Changes,
  JsonAttributes,
  JsonValue,
  MethodName,
} from './schema/record-types.js';
export { configure, dynamoClient, type ConfigureOptions, type Logger } from './configuration.js';
export {
  onRequest,
  REQUEST_CHANNEL,
  type RequestEvent,
  type RequestListener,
} from './connection/instrumentation.js';
export { createTableInput } from './connection/table-management.js';
export { CollectionProxy, type HasMany } from './associations/collection-proxy.js';
export type { BelongsTo } from './associations/types.js';
export type { BelongsToOptions } from './associations/belongs-to.js';
export type { HasManyOptions } from './associations/has-many.js';
export type { Dependent } from './associations/registry.js';
export type { FindOptions } from './querying/find.js';
export type { ScanOptions } from './querying/scan.js';
export type {
  KeyQueryOptions,
  GlobalQueryOptions,
  KeyQueryPageOptions,
  GlobalQueryPageOptions,
} from './querying/finders.js';
export type { Comparator } from './querying/key-query.js';
export type { Page, PageOptions } from './querying/pages.js';
export type { SaveOptions } from './persistence/pipeline.js';
export { transaction } from './transactions/transaction.js';
export { LinkCollection, type HasAndBelongsToMany } from './associations/link-collection.js';
export type { OptimisticRetryOptions } from './locking/optimistic-retry.js';
export type { UniquenessOptions } from './uniqueness/declaration.js';
export type { Callback, AroundCallback, CallbackEvent } from './callbacks.js';
export {
  Errors,
  registerValidator,
  ValidationDeclarationError,
  type ValidatesOptions,
} from './validations/index.js';
export type {
  Condition,
  ConditionOptions,
  EachOptions,
  Message,
  ValidatableRecord,
  ValidationContext,
  ValidatorCall,
  ValidatorCommonOptions,
  ValidatorDefinition,
  ValidatorFn,
  ValidatorOptionsMap,
} from './validations/index.js';
export type {
  AcceptanceOptions,
  ExclusionOptions,
  FormatOptions,
  InclusionOptions,
  LengthOptions,
  Members,
  NumericalityOptions,
  NumericBound,
} from './validations/index.js';
export type { DefaultValue } from './schema/attribute-types.js';
export {
  DynamoError,
  TableNotFound,
  UnknownPrimaryKey,
  UnknownTableStatus,
  UnsupportedType,
  InvalidTableName,
  InvalidSchema,
  ConnectionNotEstablished,
  RecordNotFound,
  RecordNotSaved,
  RecordInvalid,
  RecordNotDestroyed,
  RecordNotUnique,
  InvalidCursor,
  StaleObjectError,
  ReadOnlyRecord,
  DangerousAttributeError,
  UnknownAttributeError,
  AttributeAssignmentError,
  AssociationTypeMismatch,
  BelongsToError,
  AssociationMustBeUnique,
  RangeKeyMustNotBeSpecified,
  HashKeyMayNotBeNamedId,
  HasManyError,
  UnknownIndex,
  CredentialsNotFound,
  RequestFailed,
  ItemTooLarge,
  TableSchemaMismatch,
  type TableShape,
  InvalidArgument,
  ScanRequired,
  AmbiguousIndex,
  MissingAttributeError,
  InvalidCondition,
  ConditionNotMet,
  WriteOutcomeUnknown,
} from './errors.js';
export { Relation, type Explanation } from './relations/relation.js';
export type {
  AttributeName,
  Comparison,
  Conditions,
  ConditionValue,
  ContainsValue,
  Selected,
  WhereArguments,
  WriteConditions,
} from './relations/types.js';
export type { ConditionComparator, SizeComparator } from './relations/conditions.js';
export type {
  Storage,
  StoredAs,
  DatetimeStoredAs,
  BooleanStoredAs,
} from './attributes/codecs/storage.js';
export type { DatetimeOptions, BooleanOptions } from './schema/attribute-types.js';
export type {
  InsertAllOptions,
  InsertProgress,
  InsertRejection,
  InsertReport,
} from './bulk/insert-all.js';
