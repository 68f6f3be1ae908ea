/**
 * Waits for a table and its global indexes to become ACTIVE while showing how far it got: a
 * line rewritten in place on a terminal, one line per change of status otherwise (logs, CI).
 */
import type { TableDescription } from '@aws-sdk/client-dynamodb';
import { waitUntilActive } from '../dynamo/table-status.js';

const LIMIT_MS = 10 * 60_000;

/** Resolves to the description once the table and every global index are ACTIVE. */
export function waitWithProgress(
  table: string,
  out: NodeJS.WritableStream & { isTTY?: boolean },
): Promise<TableDescription> {
  let last = '';
  return waitUntilActive(table, {
    limitMs: LIMIT_MS,
    onStatus: (status, elapsedMs) => {
      const seconds = (elapsedMs / 1000).toFixed(1);
      const done = status === 'ACTIVE';
      if (out.isTTY) {
        out.write(`\r\x1b[2K  ${table}: ${status} (${seconds} s)${done ? '\n' : ''}`);
      } else if (status !== last || done) {
        out.write(`  ${table}: ${status}${done ? ` (${seconds} s)` : ''}\n`);
      }
      last = status;
    },
  });
}
