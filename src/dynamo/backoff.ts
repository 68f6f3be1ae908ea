/** Sending again what DynamoDB left unprocessed in a batch, with jittered backoff. */
import { DynamoError } from '../errors.js';

/** How often a batch's unprocessed part is sent again before giving up. @internal */
export const MAX_UNPROCESSED_ROUNDS = 10;

const BASE_DELAY_MS = 25;
const MAX_DELAY_MS = 2000;

/**
 * Waits before a retry: "full jitter" exponential backoff, as DynamoDB's guidance asks, so
 * requests that failed together (throttled batches, writers that collided) do not retry
 * together. `round` 0 waits up to `baseMs`; each round doubles that, up to 2 seconds.
 * @internal
 */
export function backoff(round: number, baseMs = BASE_DELAY_MS): Promise<void> {
  const ceiling = Math.min(MAX_DELAY_MS, baseMs * 2 ** round);
  const delay = Math.random() * ceiling;
  return new Promise((resolve) => setTimeout(resolve, delay));
}

/**
 * Sends a batch, then its unprocessed remainder, until nothing is left or the bound is hit.
 * `attempt` sends one request and returns what DynamoDB left unprocessed (empty when done).
 * @internal
 */
export async function untilProcessed<P>(
  initial: P[],
  attempt: (pending: P[]) => Promise<P[]>,
  describe: (left: number) => string,
): Promise<void> {
  let pending = initial;
  for (let round = 0; pending.length > 0; round++) {
    if (round > 0) {
      if (round > MAX_UNPROCESSED_ROUNDS) throw new DynamoError(describe(pending.length));
      await backoff(round);
    }
    pending = await attempt(pending);
  }
}
