/**
 * Secrets: error messages, logged errors, request logs and events name models, attributes
 * and keys, never the contents of an item or the credentials of the client.
 */
import { inspect } from 'node:util';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attr,
  AttributeAssignmentError,
  configure,
  ConnectionNotEstablished,
  DynamoError,
  onRequest,
  RecordInvalid,
  RecordNotDestroyed,
  RecordNotFound,
  RecordNotSaved,
  RecordNotUnique,
  StaleObjectError,
  Table,
  UnknownAttributeError,
  WriteOutcomeUnknown,
  type RequestEvent,
} from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { client, prefix } = useDynamo();

const SECRET = 'sk_live_7Hq2XbZ9SECRETVALUE';
const ACCESS_KEY = 'AKIAEXAMPLESECRETKEY1';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

class Vault extends Table.schema({
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  attributes: {
    owner: attr.string(),
    token: attr.string(),
    notes: attr.json<Record<string, unknown>>(),
    blob: attr.string(),
    uses: attr.integer(),
  },
}) {
  static halt = false;
  static {
    this.validates('owner', { presence: true, length: { maximum: 40 } });
    this.beforeSave(() => !Vault.halt);
    this.beforeDestroy(() => !Vault.halt);
  }
}

const errors: [string, unknown][] = [];
const events: RequestEvent[] = [];
const logLines: string[] = [];

beforeAll(async () => {
  await Vault.createTable();
  configure({
    client,
    tableNamePrefix: prefix,
    logger: {
      debug: (message, details) => logLines.push(`${message} ${JSON.stringify(details ?? {})}`),
    },
  });
});

afterAll(() => {
  configure({ client, tableNamePrefix: prefix });
});

/** A vault holding the secret in non-key attributes, as read from DynamoDB. */
async function secretVault(id?: string): Promise<Vault> {
  const vault = await Vault.create({
    ...(id ? { id } : {}),
    owner: 'alice',
    token: SECRET,
    notes: { apiKey: SECRET, nested: [SECRET] },
  });
  return Vault.find(vault.id, { consistent: true });
}

async function provoke(
  label: string,
  type: new (...args: never[]) => Error,
  run: () => Promise<unknown>,
): Promise<void> {
  let caught: unknown;
  try {
    await run();
  } catch (error) {
    caught = error;
  }
  expect(caught, label).toBeInstanceOf(type);
  errors.push([label, caught]);
}

describe('every error kind, provoked on a record holding a secret', () => {
  it('names model, attribute and key, never the secret', async () => {
    const dup = await secretVault('dup');
    await provoke('RecordNotUnique', RecordNotUnique, () =>
      Vault.create({ id: dup.id, owner: 'bob', token: SECRET }),
    );

    const a = await secretVault();
    const b = await Vault.find(a.id, { consistent: true });
    a.owner = 'carol';
    await a.saveOrThrow();
    b.owner = 'dave';
    await provoke('StaleObjectError update', StaleObjectError, () => b.saveOrThrow());
    await provoke('StaleObjectError touch', StaleObjectError, () => b.touch());
    await provoke('StaleObjectError destroy', StaleObjectError, () => b.destroy());

    const invalid = await secretVault();
    invalid.owner = '';
    await provoke('RecordInvalid', RecordInvalid, () => invalid.saveOrThrow());
    invalid.owner = 'x'.repeat(41);
    await provoke('RecordInvalid length', RecordInvalid, () => invalid.saveOrThrow());

    const halted = await secretVault();
    Vault.halt = true;
    try {
      halted.owner = 'erin';
      await provoke('RecordNotSaved', RecordNotSaved, () => halted.saveOrThrow());
      await provoke('RecordNotDestroyed', RecordNotDestroyed, () => halted.destroyOrThrow());
    } finally {
      Vault.halt = false;
    }

    const gone = await secretVault();
    await Vault.delete(gone.id);
    await provoke('RecordNotFound reload', RecordNotFound, () => gone.reload());
    await provoke('RecordNotFound increment', RecordNotFound, () => gone.increment('uses'));
    await provoke('RecordNotFound find', RecordNotFound, () => Vault.find(gone.id));

    const big = await secretVault();
    big.blob = `${SECRET}${'x'.repeat(410 * 1024)}`;
    await provoke('item too large', DynamoError, () => big.save());
    await provoke('AttributeAssignmentError', AttributeAssignmentError, async () => {
      big.uses = 'many' as never;
    });
    await provoke('UnknownAttributeError', UnknownAttributeError, async () => {
      big.assignAttributes({ password: SECRET });
    });

    for (const [label, error] of errors) {
      const message = (error as Error).message;
      expect(message, label).not.toContain(SECRET);
      expect(message, label).toMatch(/Vault/);
      // Logging the error object (console.error, a logger's error serializer) shows no secret either.
      expect(inspect(error, { depth: 8, showHidden: false }), label).not.toContain(SECRET);
      expect(JSON.stringify(error), label).not.toContain(SECRET);
      // The record stays reachable for the application, which may need it.
      if (
        !(error instanceof AttributeAssignmentError || error instanceof UnknownAttributeError) &&
        !label.endsWith('find')
      ) {
        expect((error as DynamoError).record, label).toBeInstanceOf(Vault);
      }
    }
    expect(errors.length).toBe(14);
  });

  it('request logs and events carry no item contents', () => {
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(line).not.toContain(SECRET);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(JSON.stringify(event)).not.toContain(SECRET);
  });
});

const unsubscribe = onRequest((event) => events.push(event));
afterAll(() => unsubscribe());

describe('credentials', () => {
  it('never appear in a connection error, its message or its logged form', async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    try {
      configure({
        endpoint: `http://127.0.0.1:${address.port}`,
        region: 'us-east-1',
        credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY, sessionToken: SECRET },
        maxAttempts: 1,
        tableNamePrefix: prefix,
        logger: {
          debug: (message, details) => logLines.push(`${message} ${JSON.stringify(details ?? {})}`),
        },
      });
      const vault = new Vault({ owner: 'frank', token: SECRET });
      const error = await vault.save().catch((e: unknown) => e);
      // The connection is reset after the write may have been sent: its outcome is unknown.
      expect(error).toBeInstanceOf(WriteOutcomeUnknown);
      expect((error as Error).cause).toBeInstanceOf(ConnectionNotEstablished);
      const rendered = [
        (error as Error).message,
        inspect(error, { depth: 8 }),
        JSON.stringify(error),
        ...logLines,
      ].join('\n');
      for (const secret of [ACCESS_KEY, SECRET_KEY, SECRET]) expect(rendered).not.toContain(secret);
      expect((error as Error).message).toContain('Vault');
    } finally {
      await new Promise((closed) => server.close(closed));
      configure({ client, tableNamePrefix: prefix });
    }
  });
});
