import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** A pay-per-request table with a string hash key and an optional string range key. */
export async function createKeyTable(
  client: DynamoDBClient,
  name: string,
  hash: string,
  range?: string,
): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: name,
      KeySchema: [
        { AttributeName: hash, KeyType: 'HASH' },
        ...(range ? [{ AttributeName: range, KeyType: 'RANGE' as const }] : []),
      ],
      AttributeDefinitions: [
        { AttributeName: hash, AttributeType: 'S' },
        ...(range ? [{ AttributeName: range, AttributeType: 'S' as const }] : []),
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}
