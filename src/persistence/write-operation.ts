import type {
  AttributeValue,
  ConditionCheck,
  DeleteItemCommandInput,
  PutItemCommandInput,
  UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';

/** What a write was for, as errors and transactions report it. */
export type WriteAction =
  'create' | 'update' | 'destroy' | 'delete' | 'touch' | 'increment' | 'move' | 'check';

/**
 * Builds the error of a failed condition. `held` is the item DynamoDB held when the condition
 * failed (ReturnValuesOnConditionCheckFailure ALL_OLD), when it was asked for and existed.
 * @internal
 */
export type ConditionFailure = (held?: Record<string, AttributeValue>) => Error;

/**
 * One single-item write, described before it is sent so that it can go out on its own or
 * inside a transaction. A `ConditionCheck` writes nothing: it makes a transaction depend on
 * another item (the lock of a parent whose dependents are being removed).
 * @internal
 */
export type WriteOperation =
  | {
      kind: 'Put';
      input: PutItemCommandInput;
      action: WriteAction;
      record: object;
      conditionFailed: ConditionFailure;
    }
  | {
      kind: 'Update';
      input: UpdateItemCommandInput;
      action: WriteAction;
      record: object;
      conditionFailed: ConditionFailure;
    }
  | {
      kind: 'Delete';
      input: DeleteItemCommandInput;
      action: WriteAction;
      record: object;
      conditionFailed: ConditionFailure | null;
    }
  | {
      kind: 'ConditionCheck';
      input: ConditionCheck;
      action: 'check';
      record: object;
      conditionFailed: ConditionFailure;
    };
