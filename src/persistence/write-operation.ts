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
 * Builds the error of a failed condition, complete with its `cause` (the AWS error). `held` is
 * the item DynamoDB held when the condition failed (ReturnValuesOnConditionCheckFailure
 * ALL_OLD), when it was asked for and existed.
 * @internal
 */
export type ConditionFailure = (
  held: Record<string, AttributeValue> | undefined,
  cause: unknown,
) => Error;

/**
 * Recognises this very write, applied already, from the item held when its condition failed:
 * a resend after an answer was lost (`uncertain`), or saving again after WriteOutcomeUnknown.
 * @internal
 */
export type AppliedTest = (
  held: Record<string, AttributeValue> | undefined,
  uncertain: boolean,
) => boolean;

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
      applied?: AppliedTest | undefined;
    }
  | {
      kind: 'Update';
      input: UpdateItemCommandInput;
      action: WriteAction;
      record: object;
      conditionFailed: ConditionFailure;
      applied?: AppliedTest | undefined;
      /** The counter an increment adds to: put back when its transaction fails. */
      incremented?: string | undefined;
    }
  | {
      kind: 'Delete';
      input: DeleteItemCommandInput;
      action: WriteAction;
      record: object;
      conditionFailed: ConditionFailure | null;
      applied?: AppliedTest | undefined;
    }
  | {
      kind: 'ConditionCheck';
      input: ConditionCheck;
      action: 'check';
      record: object;
      conditionFailed: ConditionFailure;
    };
