/**
 * Waits for a table and its global indexes to become ACTIVE while showing how far it got: a
 * line rewritten in place on a terminal, one line per change of status otherwise (logs, CI).
 */
import {
  DescribeTableCommand,
  type DescribeTableCommandOutput,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { send } from '../connection/request.js';

const POLL_MS = 250;
const LIMIT_MS = 10 * 60_000;

/** Resolves to the description once the table and every global index are ACTIVE. */
export async function waitWithProgress(
  table: string,
  out: NodeJS.WritableStream & { isTTY?: boolean },
): Promise<TableDescription> {
  const started = Date.now();
  let last = '';
  for (;;) {
    const output = await send<DescribeTableCommandOutput>(
      new DescribeTableCommand({ TableName: table }),
      { table },
    );
    const description = output.Table ?? {};
    const status = statusLine(description);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const done = status === 'ACTIVE';
    if (out.isTTY) {
      out.write(`\r\x1b[2K  ${table}: ${status} (${seconds} s)${done ? '\n' : ''}`);
    } else if (status !== last || done) {
      out.write(`  ${table}: ${status}${done ? ` (${seconds} s)` : ''}\n`);
    }
    last = status;
    if (done) return description;
    if (Date.now() - started > LIMIT_MS)
      throw new Error(`${table} did not become ACTIVE within ${LIMIT_MS / 60_000} minutes`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** 'ACTIVE' once everything is; else the table's status and each pending index's. */
function statusLine(table: TableDescription): string {
  const pending = (table.GlobalSecondaryIndexes ?? []).filter(
    (index) => index.IndexStatus !== 'ACTIVE',
  );
  if (table.TableStatus === 'ACTIVE' && pending.length === 0) return 'ACTIVE';
  const indexes = pending
    .map((index) => `${index.IndexName} ${index.IndexStatus ?? '?'}`)
    .join(', ');
  return `${table.TableStatus ?? 'UNKNOWN'}${indexes ? `; index ${indexes}` : ''}`;
}
