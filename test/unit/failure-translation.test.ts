/** How failures of a request are translated and logged. Offline: each asserts what a wrong implementation would get wrong. */
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { configure } from '../../src/configuration.js';
import { send } from '../../src/connection/request.js';
import { ConnectionNotEstablished, RequestFailed } from '../../src/index.js';

describe('failure translation', () => {
  it('names the operation without a model or table when none is known', async () => {
    configure({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      maxAttempts: 1,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    const error = await send(new GetItemCommand({ TableName: 'x', Key: { id: { S: '1' } } })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectionNotEstablished);
    expect((error as Error).message).toMatch(/^Could not reach DynamoDB \(GetItem\): /);
  });

  it('rejects, translated, when the client throws instead of rejecting (no listener, no logger)', async () => {
    configure({});
    const thrown = Object.assign(new Error('a middleware broke'), { code: 'EBROKEN' });
    const client = {
      send: () => {
        throw thrown;
      },
    } as never;
    let result: Promise<unknown> | undefined;
    expect(() => {
      result = send(new GetItemCommand({ TableName: 't', Key: {} }), { model: 'M' }, client);
    }).not.toThrow();
    const error = await result!.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionNotEstablished);
    expect((error as Error).cause).toBe(thrown);
    expect((error as Error).message).toBe('Could not reach DynamoDB for M (GetItem): EBROKEN');
  });

  it('wraps errors that came back from DynamoDB in RequestFailed, and reports through a logger that throws', async () => {
    const answered = Object.assign(new Error('bad'), {
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
    const client = { send: () => Promise.reject(answered) } as never;
    const lines: string[] = [];
    configure({
      logger: {
        debug: (line) => {
          lines.push(line);
          throw new Error('logger broke');
        },
      },
    });
    const error = await send(
      new PutItemCommand({ TableName: 't', Item: {} }),
      { model: 'M', table: 't' },
      client,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestFailed);
    expect(error).toMatchObject({ code: 'ValidationException', operation: 'PutItem', table: 't' });
    expect((error as Error).cause).toBe(answered);
    expect((error as Error).message).toBe(
      "DynamoDB refused PutItem on 't' for M: ValidationException (bad)",
    );
    expect(lines).toEqual([
      expect.stringMatching(/^DynamoDB PutItem t .* ms failed: ValidationException$/),
    ]);
    configure({});
  });

  it('logs a request without a table, and names a network error by its code', async () => {
    const lines: string[] = [];
    configure({ logger: { debug: (line) => lines.push(line) } });
    const answering = { send: () => Promise.resolve({}) } as never;
    await send(new GetItemCommand({ TableName: 't', Key: {} }), {}, answering);
    expect(lines).toEqual([expect.stringMatching(/^DynamoDB GetItem \d+\.\d ms$/)]);
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const failing = { send: () => Promise.reject(reset) } as never;
    const error = await send(
      new GetItemCommand({ TableName: 't', Key: {} }),
      { model: 'M', table: 't' },
      failing,
    ).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      "Could not reach DynamoDB for M (GetItem on 't'): ECONNRESET",
    );
    expect((error as Error).cause).toBe(reset);
    configure({});
  });
});
