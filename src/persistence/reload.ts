/** `record.reload()`: the item read again, replacing every value and pending change. */
import { GetItemCommand, type GetItemCommandOutput } from '@aws-sdk/client-dynamodb';
import { STATE } from '../attributes/record-state.js';
import { modelSend } from '../connection/model-request.js';
import { RecordNotFound } from '../errors.js';
import { schemaOf, tableFullNameOf } from '../schema/model-class.js';
import {
  describeRecord,
  itemKey,
  keyValues,
  modelOf,
  type RecordLike,
} from './record-internals.js';

/** `reload`: reads the item again (strongly consistent by default). */
export async function reload(
  record: RecordLike,
  options: { consistent?: boolean } = {},
): Promise<void> {
  const model = modelOf(record);
  const schema = schemaOf(model);
  const state = record[STATE];
  const output = await modelSend<GetItemCommandOutput>(
    model,
    new GetItemCommand({
      TableName: tableFullNameOf(model),
      Key: itemKey(schema, state),
      ConsistentRead: options.consistent ?? true,
    }),
  );
  if (!output.Item) {
    throw new RecordNotFound(
      `Couldn't find ${describeRecord(record)} to reload`,
      [keyValues(schema, state)],
      { record },
    );
  }
  state.values = {};
  state.original = output.Item;
  state.newRecord = false;
}
