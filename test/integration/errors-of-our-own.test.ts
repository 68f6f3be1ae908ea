import { CreateTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { modelSend } from '../../src/connection/model-request.js';
import { describe, expect, it } from 'vitest';
import {
  attr,
  DynamoError,
  ItemTooLarge,
  RequestFailed,
  Table,
  TableSchemaMismatch,
  transaction,
} from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { client, prefix, log } = useDynamo();

describe('ItemTooLarge', () => {
  class Post extends Table.schema({
    tableName: 'big_posts',
    attributes: { description: attr.string() },
    create: true,
  }) {}

  it('is thrown for a 500 KB item before any request, with the record, size and limit', async () => {
    await Post.createTable();
    const post = new Post({ description: 'x'.repeat(500 * 1024) });
    log.clear();
    const error = await post.save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ItemTooLarge);
    expect(error).toBeInstanceOf(DynamoError);
    const tooLarge = error as ItemTooLarge;
    expect(tooLarge.record).toBe(post);
    expect(tooLarge.limit).toBe(400 * 1024);
    expect(tooLarge.size).toBeGreaterThan(500 * 1024);
    expect(tooLarge.message).toMatch(/^Post item is \d+ bytes, over DynamoDB's limit of 409600/);
    expect(log.count()).toBe(0);
    expect(post.isNewRecord()).toBe(true);
  });

  it('is thrown for an update that grows the item past the limit', async () => {
    const post = await Post.create({ description: 'small' });
    log.clear();
    const error = await post
      .update({ description: 'y'.repeat(410 * 1024) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ItemTooLarge);
    expect(log.count('UpdateItem')).toBe(0);
    expect((await Post.find(post.id)).description).toBe('small');
  });

  it('is not thrown for a 300 KB item, nor for growing it by an update to 390 KB: the exact size decides', async () => {
    // Three bytes per character would count these over the limit: only the exact count may refuse.
    const post = await Post.create({ description: 'a'.repeat(300 * 1024) });
    await post.update({ description: 'b'.repeat(390 * 1024) });
    expect((await Post.find(post.id)).description).toHaveLength(390 * 1024);
    log.clear();
    const error = await post
      .update({ description: 'c'.repeat(400 * 1024) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ItemTooLarge);
    expect((error as ItemTooLarge).size).toBeGreaterThan(400 * 1024);
    expect((error as ItemTooLarge).size).toBeLessThan(401 * 1024);
    expect(log.count('UpdateItem')).toBe(0);
  });

  it('is thrown for an update of a stale copy that another writer grew past what the copy knows', async () => {
    class Page extends Table.schema({
      tableName: 'big_pages',
      locking: false,
      attributes: { body: attr.string(), note: attr.string() },
      create: true,
    }) {}
    await Page.createTable();
    const stale = await Page.create({ body: 'small' });
    const other = await Page.find(stale.id);
    await other.update({ body: 'b'.repeat(395 * 1024) });
    // The stale copy counts a small item: only DynamoDB can tell that this update overflows it.
    stale.note = 'n'.repeat(10 * 1024);
    const error = await stale.save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ItemTooLarge);
    expect((error as ItemTooLarge).record).toBe(stale);
    expect((error as ItemTooLarge).message).toMatch(/^Page item would be over DynamoDB's limit/);
    expect((error as ItemTooLarge).cause).toBeInstanceOf(Error);
    expect(stale.isChanged('note')).toBe(true);
    const held = await Page.find(stale.id);
    expect(held.body).toHaveLength(395 * 1024);
    expect(held.note).toBe('');
  });

  it('is thrown for a record with a unique value, whose save is a transaction with its guards', async () => {
    class Badge extends Table.schema({
      tableName: 'big_badges',
      locking: false,
      attributes: { code: attr.string(), body: attr.string(), note: attr.string() },
      create: true,
    }) {
      static {
        this.validates('code', { uniqueness: true });
      }
    }
    await Badge.createTable();
    const stale = await Badge.create({ code: 'b1', body: 'small' });
    const other = await Badge.find(stale.id);
    await other.update({ body: 'b'.repeat(395 * 1024) });
    stale.code = 'b2';
    stale.note = 'n'.repeat(10 * 1024);
    const error = await stale.save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ItemTooLarge);
    expect((error as ItemTooLarge).record).toBe(stale);
    const held = await Badge.find(stale.id);
    expect([held.code, held.note]).toEqual(['b1', '']);
    // The new value was not claimed, the old one not released.
    expect(await Badge.create({ code: 'b2', body: 'x' })).toBeInstanceOf(Badge);
    const taken = new Badge({ code: 'b1', body: 'y' });
    expect(await taken.save()).toBe(false);
  });

  it('is thrown from transaction() too, naming the record DynamoDB refused, and nothing is written', async () => {
    class Sheet extends Table.schema({
      tableName: 'big_sheets',
      locking: false,
      attributes: { body: attr.string(), note: attr.string() },
      create: true,
    }) {}
    await Sheet.createTable();
    const bystander = await Sheet.create({ body: 'bystander' });
    const stale = await Sheet.create({ body: 'small' });
    const other = await Sheet.find(stale.id);
    await other.update({ body: 'b'.repeat(395 * 1024) });
    const error = await transaction(async () => {
      bystander.note = 'changed';
      await bystander.save();
      stale.note = 'n'.repeat(10 * 1024);
      await stale.save();
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ItemTooLarge);
    expect((error as ItemTooLarge).record).toBe(stale);
    expect((error as ItemTooLarge).message).toMatch(/^Sheet item would be over DynamoDB's limit/);
    expect((error as ItemTooLarge).cause).toBeInstanceOf(Error);
    expect((await Sheet.find(bystander.id)).note).toBe('');
    expect((await Sheet.find(stale.id)).note).toBe('');
  });
});

// A table `posts` made by someone else, keyed topicId/guid.
async function createForeignTable(name: string, index?: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: `${prefix}${name}`,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'topicId', AttributeType: 'S' },
        { AttributeName: 'guid', AttributeType: 'S' },
        ...(index ? [{ AttributeName: index, AttributeType: 'S' as const }] : []),
      ],
      KeySchema: [
        { AttributeName: 'topicId', KeyType: 'HASH' },
        { AttributeName: 'guid', KeyType: 'RANGE' },
      ],
      ...(index
        ? {
            GlobalSecondaryIndexes: [
              {
                IndexName: `${index}_global`,
                KeySchema: [{ AttributeName: index, KeyType: 'HASH' as const }],
                Projection: { ProjectionType: 'KEYS_ONLY' as const },
              },
            ],
          }
        : {}),
    }),
  );
}

describe('TableSchemaMismatch', () => {
  it('is thrown by createTable() when the table exists with other keys, naming both shapes', async () => {
    await createForeignTable('posts');
    class Post extends Table.schema({
      tableName: 'posts',
      attributes: { title: attr.string() },
    }) {}
    const error = await Post.createTable().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableSchemaMismatch);
    const mismatch = error as TableSchemaMismatch;
    expect(mismatch.table).toBe(`${prefix}posts`);
    expect(mismatch.expected).toEqual({ hashKey: 'id:S', rangeKey: null, indexes: [] });
    expect(mismatch.actual).toEqual({ hashKey: 'topicId:S', rangeKey: 'guid:S', indexes: [] });
    expect(mismatch.message).toBe(
      `Table '${prefix}posts' has other keys than Post declares: the table has keys (topicId:S, guid:S); Post declares keys (id:S). Use another table name (tableNamePrefix) or migrate the table`,
    );
  });

  it('is thrown at the first write of a model whose table has other keys (not the SDK error)', async () => {
    await createForeignTable('topics');
    class Topic extends Table.schema({
      tableName: 'topics',
      attributes: { title: attr.string() },
    }) {}
    const error = await Topic.create({ title: 'hello' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableSchemaMismatch);
    expect((error as Error).message).toContain('has other keys than Topic declares');
    expect(((error as Error).cause as Error).name).toBe('ValidationException');
    const find = await Topic.find('x').catch((e: unknown) => e);
    expect(find).toBeInstanceOf(TableSchemaMismatch);
  });

  it('is thrown by establishDbConnection() when a declared index is missing', async () => {
    await createForeignTable('replies');
    class Reply extends Table.schema({
      tableName: 'replies',
      hashKey: 'topicId',
      rangeKey: 'guid',
      attributes: { author: attr.string() },
      globalSecondaryIndexes: [{ hashKey: 'author', projection: 'all' }],
    }) {}
    const error = await Reply.establishDbConnection().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableSchemaMismatch);
    expect((error as Error).message).toMatch(
      /lacks the index\(es\) author_global \(author:S\) that Reply declares/,
    );
    const query = await Reply.findGlobal('author', 'ann').catch((e: unknown) => e);
    expect(query).toBeInstanceOf(TableSchemaMismatch);
  });

  it('accepts a table that matches, and one with extra indexes', async () => {
    await createForeignTable('matching', 'extra');
    class Matching extends Table.schema({
      tableName: 'matching',
      hashKey: 'topicId',
      rangeKey: 'guid',
      attributes: { title: attr.string() },
    }) {}
    await expect(Matching.createTable()).resolves.toMatchObject({ TableStatus: 'ACTIVE' });
    await Matching.establishDbConnection();
    const created = await Matching.create({ topicId: 't', guid: 'g', title: 'x' });
    expect(created.isPersisted()).toBe(true);
  });

  it('leaves key complaints about a matching table as RequestFailed, after one DescribeTable', async () => {
    class Loose extends Table.schema({
      tableName: 'loose',
      attributes: { title: attr.string() },
    }) {}
    await Loose.createTable();
    log.clear();
    const error = await modelSend(
      Loose as never,
      new GetItemCommand({ TableName: `${prefix}loose`, Key: { title: { S: 'x' } } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestFailed);
    expect((error as RequestFailed).code).toBe('ValidationException');
    expect(log.operations).toEqual(['GetItem', 'DescribeTable']);
  });
});
