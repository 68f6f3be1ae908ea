/** Client configuration: timeouts and attempts. Offline: each asserts what a wrong implementation would get wrong. */
import { describe, expect, it } from 'vitest';
import { configure, DEFAULT_REQUEST_TIMEOUT_MS, dynamoClient } from '../../src/configuration.js';

describe('client configuration', () => {
  it('builds a client with each timeout alone, and with neither', async () => {
    for (const options of [{ requestTimeout: 10 }, { connectionTimeout: 10 }, {}]) {
      configure({
        region: 'eu-west-1',
        endpoint: 'http://127.0.0.1:9',
        maxAttempts: 1,
        ...options,
      });
      const client = dynamoClient();
      expect(await client.config.region()).toBe('eu-west-1');
      expect(dynamoClient()).toBe(client);
    }
    configure({});
    expect(dynamoClient()).toBeDefined();
  });

  /** The options the client's HTTP handler was built with. */
  async function handlerConfig(): Promise<Record<string, unknown>> {
    const handler = dynamoClient().config.requestHandler as unknown as {
      configProvider: Promise<Record<string, unknown>>;
    };
    return handler.configProvider;
  }

  it('bounds every attempt by a finite default request timeout; 0 turns it off', async () => {
    expect(DEFAULT_REQUEST_TIMEOUT_MS).toBe(10_000);
    configure({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:9' });
    expect(await handlerConfig()).toMatchObject({
      requestTimeout: DEFAULT_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    });
    configure({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:9', requestTimeout: 250 });
    expect(await handlerConfig()).toMatchObject({ requestTimeout: 250 });
    configure({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:9', requestTimeout: 0 });
    expect((await handlerConfig())['requestTimeout']).toBeUndefined();
    configure({});
  });

  it('refuses malformed timeouts and attempts, naming the option', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ requestTimeout: -1 }, 'requestTimeout'],
      [{ requestTimeout: Number.NaN }, 'requestTimeout'],
      [{ connectionTimeout: 1.5 }, 'connectionTimeout'],
      [{ maxAttempts: 0 }, 'maxAttempts'],
      [{ maxAttempts: Number.POSITIVE_INFINITY }, 'maxAttempts'],
    ];
    for (const [options, argument] of cases) {
      expect(() => configure(options)).toThrow(
        expect.objectContaining({ name: 'InvalidArgument', argument }),
      );
    }
    configure({});
  });
});
