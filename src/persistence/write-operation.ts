import type {
  DeleteItemCommandInput,
  PutItemCommandInput,
  UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';

/** What a write was for, as errors and transactions report it. */
export type WriteAction = 'create' | 'update' | 'destroy' | 'delete' | 'touch' | 'increment';

/**
 * One single-item write, described before it is sent so that it can go out on its own or
 * inside a transaction.
 * @internal
 */
export type WriteOperation =
  | {
      kind: 'Put';
      input: PutItemCommandInput;
      action: WriteAction;
      record: object;
      conditionFailed: () => Error;
    }
  | {
      kind: 'Update';
      input: UpdateItemCommandInput;
      action: WriteAction;
      record: object;
      conditionFailed: () => Error;
    }
  | {
      kind: 'Delete';
      input: DeleteItemCommandInput;
      action: WriteAction;
      record: object;
      conditionFailed: (() => Error) | null;
    };
