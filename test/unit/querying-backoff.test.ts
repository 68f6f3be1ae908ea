import { afterEach, describe, expect, it, vi } from 'vitest';
import { DynamoError } from '../../src/index.js';
import { mapConcurrently } from '../../src/dynamo/concurrency.js';
import { MAX_UNPROCESSED_ROUNDS, untilProcessed } from '../../src/dynamo/backoff.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('untilProcessed', () => {
  it('sends the remainder again until nothing is left', async () => {
    const sent: number[][] = [];
    await untilProcessed(
      [1, 2, 3, 4],
      async (pending) => {
        sent.push(pending);
        return pending.slice(1);
      },
      () => 'never',
    );
    expect(sent).toEqual([[1, 2, 3, 4], [2, 3, 4], [3, 4], [4]]);
  });

  it('gives up after a bounded number of rounds, saying how much was left', async () => {
    vi.useFakeTimers();
    let attempts = 0;
    const run = untilProcessed(
      ['a', 'b'],
      async (pending) => {
        attempts++;
        return pending;
      },
      (left) => `still ${left} left`,
    );
    const outcome = run.catch((error: unknown) => error);
    await vi.runAllTimersAsync();
    const error = await outcome;
    expect(error).toBeInstanceOf(DynamoError);
    expect((error as Error).message).toBe('still 2 left');
    expect(attempts).toBe(MAX_UNPROCESSED_ROUNDS + 1);
  });
});

describe('mapConcurrently', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapConcurrently([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, n));
      running--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});
