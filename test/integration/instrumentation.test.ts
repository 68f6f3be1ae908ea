import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { Readable } from 'node:stream';
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  attr,
  configure,
  onRequest,
  REQUEST_CHANNEL,
  StaleObjectError,
  Table,
  type RequestEvent,
} from '../../src/index.js';
import { localClient, newRequestLog, useDynamo } from '../support/dynamo.js';

const { log, prefix, client } = useDynamo();

class Gauge extends Table.schema({
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { label: attr.string(), level: attr.integer({ default: 0 }) },
}) {}

let stop: (() => void) | undefined;

/** Records every event until the end of the test. */
function listen(): RequestEvent[] {
  const events: RequestEvent[] = [];
  stop = onRequest((event) => events.push(event));
  return events;
}

beforeAll(async () => {
  await Gauge.createTable();
});

afterEach(() => {
  stop?.();
  stop = undefined;
  configure({ client, tableNamePrefix: prefix });
});

describe('onRequest', () => {
  it('reports operation, table, model, duration and the capacity DynamoDB consumed', async () => {
    const events = listen();
    const gauge = await Gauge.create({ label: 'a' });
    await Gauge.find(gauge.id);
    expect(events.map((e) => e.operation)).toEqual(['PutItem', 'GetItem']);
    const [put, get] = events as [RequestEvent, RequestEvent];
    expect(put.table).toBe(`${prefix}gauges`);
    expect(put.model).toBe('Gauge');
    expect(put.durationMs).toBeGreaterThan(0);
    expect(put.durationMs).toBeLessThan(10_000);
    expect(put.retries).toBe(0);
    expect(put.error).toBeUndefined();
    expect(put.consumedCapacity).toMatchObject({ TableName: `${prefix}gauges` });
    expect((put.consumedCapacity as { CapacityUnits?: number }).CapacityUnits).toBeGreaterThan(0);
    expect((get.consumedCapacity as { CapacityUnits?: number }).CapacityUnits).toBeGreaterThan(0);
  });

  it('asks DynamoDB for consumed capacity only while someone listens', async () => {
    log.clear();
    const gauge = await Gauge.create({ label: 'quiet' });
    expect(log.inputs[0]).not.toHaveProperty('ReturnConsumedCapacity');
    listen();
    await gauge.update({ level: 2 });
    expect(log.inputs[1]).toHaveProperty('ReturnConsumedCapacity', 'TOTAL');
    stop?.();
    stop = undefined;
    await gauge.update({ level: 3 });
    expect(log.inputs[2]).not.toHaveProperty('ReturnConsumedCapacity');
  });

  it('stops reporting after unsubscribing, and other listeners keep theirs', async () => {
    const first: string[] = [];
    const second: string[] = [];
    const offFirst = onRequest((e) => first.push(e.operation));
    const offSecond = onRequest((e) => second.push(e.operation));
    const gauge = await Gauge.create({ label: 'b' });
    offFirst();
    await gauge.destroy();
    offSecond();
    await Gauge.findByKey(gauge.id);
    expect(first).toEqual(['PutItem']);
    expect(second).toEqual(['PutItem', 'DeleteItem']);
  });

  it('reports a failed request with the error name, and the failure still reaches the caller', async () => {
    const gauge = await Gauge.create({ label: 'c' });
    const other = await Gauge.find(gauge.id);
    await other.update({ level: 1 });
    const events = listen();
    gauge.level = 9;
    await expect(gauge.save()).rejects.toBeInstanceOf(StaleObjectError);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      operation: 'UpdateItem',
      model: 'Gauge',
      error: 'ConditionalCheckFailedException',
    });
    expect(events[0]!.consumedCapacity).toBeUndefined();
  });

  it('a throwing listener does not fail the request it observes', async () => {
    stop = onRequest(() => {
      throw new Error('listener bug');
    });
    const gauge = await Gauge.create({ label: 'd' });
    expect(gauge.isPersisted()).toBe(true);
    expect((await Gauge.find(gauge.id)).label).toBe('d');
  });

  it('counts the SDK retries of a request', async () => {
    const retrying = localClient(newRequestLog(), { maxAttempts: 3 });
    const handler = retrying.config.requestHandler as {
      handle(request: HttpRequest, options?: unknown): Promise<unknown>;
    };
    let failuresLeft = 2;
    const original = handler.handle.bind(handler);
    handler.handle = async (request, options) => {
      if (failuresLeft > 0 && String(request.headers['x-amz-target']).endsWith('GetItem')) {
        failuresLeft -= 1;
        const body = JSON.stringify({
          __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
          message: 'try again',
        });
        return {
          response: new HttpResponse({
            statusCode: 500,
            headers: { 'content-type': 'application/x-amz-json-1.0' },
            body: Readable.from([body]),
          }),
        };
      }
      return original(request, options);
    };
    const gauge = await Gauge.create({ label: 'e' });
    configure({ client: retrying, tableNamePrefix: prefix });
    const events = listen();
    expect((await Gauge.find(gauge.id)).label).toBe('e');
    expect(failuresLeft).toBe(0);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ operation: 'GetItem', retries: 2, error: undefined });
  });

  it('reports table management requests too', async () => {
    const events = listen();
    expect(await Gauge.tableExists()).toBe(true);
    expect(events).toEqual([
      expect.objectContaining({
        operation: 'DescribeTable',
        table: `${prefix}gauges`,
        model: 'Gauge',
      }),
    ]);
    expect(events[0]!.consumedCapacity).toBeUndefined();
  });
});

describe('other subscribers', () => {
  it('publishes every event on the diagnostics channel', async () => {
    const seen: RequestEvent[] = [];
    const subscriber = (message: unknown) => seen.push(message as RequestEvent);
    subscribe(REQUEST_CHANNEL, subscriber);
    try {
      const gauge = await Gauge.create({ label: 'f' });
      await gauge.increment('level', 2);
    } finally {
      unsubscribe(REQUEST_CHANNEL, subscriber);
    }
    await Gauge.create({ label: 'g' });
    expect(seen.map((e) => e.operation)).toEqual(['PutItem', 'UpdateItem']);
    expect(seen[1]!.consumedCapacity).toBeDefined();
  });

  it('writes one debug line per request to a configured logger', async () => {
    const lines: string[] = [];
    configure({
      client,
      tableNamePrefix: prefix,
      logger: { debug: (message) => lines.push(message) },
    });
    const gauge = await Gauge.create({ label: 'h' });
    await gauge.touch();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^DynamoDB PutItem ${prefix}gauges \\d+\\.\\d ms$`));
    expect(lines[1]).toMatch(/^DynamoDB UpdateItem /);
  });
});
