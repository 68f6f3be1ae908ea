/**
 * Faults: DynamoDB goes away in the middle of a run, or hangs. Every operation fails within
 * a bounded time with ConnectionNotEstablished naming the operation, instances are left as
 * they were, and after a restart the same instances save.
 *
 * This file runs a DynamoDB Local of its own (backed by files, so its data survives the
 * restart) instead of the shared one that `useDynamo()` configures: stopping the shared one
 * would break every other test file running in parallel.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attr, configure, ConnectionNotEstablished, Table } from '../../src/index.js';
import { startDynamoLocal, type DynamoLocal } from '../../src/testing/index.js';

class Gadget extends Table.schema({
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: { name: attr.string(), uses: attr.integer({ default: 0 }), seenAt: attr.datetime() },
}) {}

const dbPath = mkdtempSync(join(tmpdir(), 'ocean-dynamo-faults-'));
let local: DynamoLocal;

function useEndpoint(endpoint: string, extra: { requestTimeout?: number } = {}): void {
  configure({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    tableNamePrefix: 'faults_',
    maxAttempts: 2,
    connectionTimeout: 1_000,
    requestTimeout: 5_000,
    ...extra,
  });
}

beforeAll(async () => {
  local = await startDynamoLocal({ dbPath });
  useEndpoint(local.endpoint);
  await Gadget.createTable();
}, 60_000);

afterAll(async () => {
  await local?.stop();
  rmSync(dbPath, { recursive: true, force: true });
}, 30_000);

/** Runs a failing operation; resolves to the error and how long it took to fail. */
async function failure(operation: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  try {
    await operation();
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
  throw new Error('expected the operation to fail');
}

const BOUND_MS = 5_000;

function expectConnectionFailure(result: { error: unknown; ms: number }, operation: string): void {
  expect(result.error).toBeInstanceOf(ConnectionNotEstablished);
  const message = (result.error as Error).message;
  expect(message).toContain('Gadget');
  expect(message).toContain(operation);
  expect(message).toContain('faults_gadgets');
  expect(result.ms).toBeLessThan(BOUND_MS);
}

describe('DynamoDB stopped in the middle of a run', () => {
  it('fails every operation quickly, leaves instances as they were, and saves them after a restart', async () => {
    const kept = await Gadget.create({ name: 'kept' });
    const changed = await Gadget.create({ name: 'before' });
    const doomed = await Gadget.create({ name: 'doomed' });
    const counted = await Gadget.create({ name: 'counted' });
    const updatedAt = changed.updatedAt;

    await local.stop();

    // create: the instance stays new, and the key generated for the attempt is taken back.
    const fresh = new Gadget({ name: 'fresh' });
    expectConnectionFailure(await failure(() => fresh.save()), 'PutItem');
    expect(fresh.isNewRecord()).toBe(true);
    expect(fresh.id).toBe('');
    expect(fresh.createdAt).toBeNull();
    expect(fresh.isChanged('name')).toBe(true);
    expectConnectionFailure(await failure(() => Gadget.create({ name: 'other' })), 'PutItem');

    // update: lock value, timestamps and dirty state are as before the call.
    changed.name = 'after';
    const changes = changed.changes();
    expectConnectionFailure(await failure(() => changed.save()), 'UpdateItem');
    expect(changed.lockVersion).toBe(0);
    expect(changed.updatedAt).toEqual(updatedAt);
    expect(changed.changes()).toEqual(changes);
    expect(changed.isPersisted()).toBe(true);

    // destroy: not destroyed, not frozen.
    expectConnectionFailure(await failure(() => doomed.destroy()), 'DeleteItem');
    expect(doomed.isDestroyed()).toBe(false);
    doomed.name = 'still writable';

    // reads, touch, increment and delete.
    expectConnectionFailure(await failure(() => Gadget.find(kept.id)), 'GetItem');
    expectConnectionFailure(await failure(() => Gadget.findByKey(kept.id)), 'GetItem');
    expectConnectionFailure(await failure(() => kept.reload()), 'GetItem');
    expectConnectionFailure(await failure(() => kept.touch()), 'UpdateItem');
    expect(kept.lockVersion).toBe(0);
    expectConnectionFailure(await failure(() => counted.increment('uses')), 'UpdateItem');
    expect(counted.uses).toBe(0);
    expectConnectionFailure(await failure(() => counted.delete()), 'DeleteItem');
    expect(counted.isDestroyed()).toBe(false);

    // The same port, the same files: the same instances now save.
    local = await startDynamoLocal({ port: local.port, dbPath });
    expect(await fresh.save()).toBe(true);
    expect(fresh.id).not.toBe('');
    expect(await changed.save()).toBe(true);
    expect(changed.lockVersion).toBe(1);
    expect(await doomed.destroy()).toBe(true);
    expect(await counted.increment('uses', 2)).toBe(2);
    await kept.touch();
    expect(kept.lockVersion).toBe(1);

    expect((await Gadget.find(fresh.id, { consistent: true })).name).toBe('fresh');
    const stored = await Gadget.find(changed.id, { consistent: true });
    expect(stored.name).toBe('after');
    expect(stored.lockVersion).toBe(1);
    expect(await Gadget.findByKey(doomed.id, undefined, { consistent: true })).toBeNull();
    expect((await Gadget.find(counted.id, { consistent: true })).uses).toBe(2);
    // The touch after the restart is the only write kept has had.
    expect((await Gadget.find(kept.id, { consistent: true })).lockVersion).toBe(1);
  }, 90_000);
});

describe('a hung endpoint', () => {
  let server: Server;
  const sockets = new Set<Socket>();
  let connections = 0;

  beforeAll(async () => {
    // Accepts connections and never answers, like a stalled proxy or a frozen process.
    server = createServer((socket) => {
      connections += 1;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((closed) => server.close(closed));
    useEndpoint(local.endpoint);
  });

  it('fails within maxAttempts × requestTimeout (plus backoff) with ConnectionNotEstablished', async () => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    useEndpoint(`http://127.0.0.1:${address.port}`, { requestTimeout: 400 });
    const result = await failure(() => Gadget.find('anything'));
    expectConnectionFailure(result, 'GetItem');
    expect(result.ms).toBeGreaterThanOrEqual(2 * 400 - 50);
    expect(result.ms).toBeLessThan(3_000);
    // Both attempts reached the endpoint: the SDK retried once, as maxAttempts: 2 allows.
    expect(connections).toBe(2);
  });
});
