import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { randomUUID } from 'node:crypto';
import {
  attr,
  configure,
  ConnectionNotEstablished,
  CredentialsNotFound,
  Table,
} from '../../src/index.js';
import { isLoopbackEndpoint } from '../../src/connection/credentials.js';

// The AWS SDK reads credentials from these; each test runs with none of them set.
const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_REGION',
];

let saved: Record<string, string | undefined>;

beforeEach(() => {
  saved = {};
  for (const name of [
    ...CREDENTIAL_VARIABLES,
    'AWS_CONFIG_FILE',
    'AWS_SHARED_CREDENTIALS_FILE',
    'AWS_EC2_METADATA_DISABLED',
  ]) {
    saved[name] = process.env[name];
    delete process.env[name];
  }
  // No shared files either, wherever HOME is; instance metadata off so the chain ends quickly.
  process.env.AWS_CONFIG_FILE = `/nonexistent-${randomUUID()}/config`;
  process.env.AWS_SHARED_CREDENTIALS_FILE = `/nonexistent-${randomUUID()}/credentials`;
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
});

afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  configure({});
});

function freshModel() {
  return class Note extends Table.schema({
    tableName: `creds_${randomUUID().slice(0, 8)}`,
    attributes: { title: attr.string() },
    create: true,
  }) {};
}

describe('a loopback endpoint with no AWS credentials anywhere', () => {
  it.each([['127.0.0.1'], ['localhost']])(
    'works through %s with placeholder credentials',
    async (host) => {
      const endpoint = inject('dynamoEndpoint').replace(/\/\/[^:/]+/, `//${host}`);
      configure({ endpoint, region: 'us-east-1' });
      const Note = freshModel();
      const note = await Note.create({ title: 'hello' });
      expect((await Note.find(note.id)).title).toBe('hello');
      await Note.deleteTable();
    },
  );

  it('works through AWS_ENDPOINT_URL_DYNAMODB with no configure() at all', async () => {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = inject('dynamoEndpoint');
    process.env.AWS_REGION = 'us-east-1';
    configure({});
    const Note = freshModel();
    await Note.createTable();
    expect(await Note.tableExists()).toBe(true);
    await Note.deleteTable();
  });

  it('uses the chain when it does find credentials (they are what is signed with)', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'fromTheEnvironment';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    const seen: string[] = [];
    configure({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1' });
    const { dynamoClient } = await import('../../src/configuration.js');
    dynamoClient().middlewareStack.add(
      (next) => async (args) => {
        const headers = (args.request as { headers: Record<string, string> }).headers;
        seen.push(headers.authorization ?? '');
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'seeSignature' },
    );
    const Note = freshModel();
    expect(await Note.tableExists()).toBe(false);
    expect(seen[0]).toContain('Credential=fromTheEnvironment/');
  });
});

describe('a remote endpoint with no AWS credentials', () => {
  it('throws CredentialsNotFound naming the credential chain, not an unreachable endpoint', async () => {
    // TEST-NET-1: never routed; the request must fail before any connection is tried.
    configure({ endpoint: 'http://192.0.2.1:8000', region: 'us-east-1', maxAttempts: 1 });
    const Note = freshModel();
    const started = Date.now();
    const error = await Note.find('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsNotFound);
    expect(error).toBeInstanceOf(ConnectionNotEstablished);
    expect((error as Error).message).toMatch(/^No AWS credentials for Note \(GetItem on 'creds_/);
    expect((error as Error).message).toContain('credential chain');
    expect((error as Error).message).not.toContain('Could not reach');
    expect(((error as Error).cause as Error).name).toBe('CredentialsProviderError');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('isLoopbackEndpoint', () => {
  it.each([
    ['http://localhost:8000', true],
    ['http://LOCALHOST:8000', true],
    ['http://dynamo.localhost:8000', true],
    ['http://127.0.0.1:8000', true],
    ['http://127.255.3.4', true],
    ['http://[::1]:8000', true],
    ['http://128.0.0.1:8000', false],
    ['http://127.0.0.1.example.com', false],
    ['https://dynamodb.us-east-1.amazonaws.com', false],
    ['not a url', false],
    [undefined, false],
  ])('%s → %s', (endpoint, loopback) => {
    expect(isLoopbackEndpoint(endpoint)).toBe(loopback);
  });
});
