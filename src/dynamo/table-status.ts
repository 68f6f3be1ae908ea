/**
 * A table's status as DescribeTable reports it, and the wait until the table and every
 * global index are ACTIVE: after CreateTable, when connecting to a table still being made,
 * and in the `tables` command (which shows each status on the way).
 */
import {
  DescribeTableCommand,
  type DescribeTableCommandOutput,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { awsErrorName, send } from '../connection/request.js';
import { TableNotFound, UnknownTableStatus } from '../errors.js';

const POLL_MS = 250;
const DEFAULT_LIMIT_MS = 5 * 60_000;
/** Statuses that lead to ACTIVE by themselves: worth waiting for. */
const ON_THE_WAY = new Set(['CREATING', 'UPDATING', 'ACTIVE']);

/** DescribeTable by the table's full name, or null when the table does not exist. @internal */
export async function describeTableNamed(
  table: string,
  model?: string,
): Promise<TableDescription | null> {
  try {
    const output = await send<DescribeTableCommandOutput>(
      new DescribeTableCommand({ TableName: table }),
      { model, table },
    );
    return output.Table ?? null;
  } catch (error) {
    if (awsErrorName(error) === 'ResourceNotFoundException') return null;
    throw error;
  }
}

/** 'ACTIVE' once the table and every global index are; else the table's status and each pending index's. @internal */
export function tableStatus(table: TableDescription): string {
  const pending = (table.GlobalSecondaryIndexes ?? []).filter(
    (index) => index.IndexStatus !== 'ACTIVE',
  );
  if (table.TableStatus === 'ACTIVE' && pending.length === 0) return 'ACTIVE';
  const indexes = pending
    .map((index) => `${index.IndexName} ${index.IndexStatus ?? '?'}`)
    .join(', ');
  return `${table.TableStatus ?? 'UNKNOWN'}${indexes ? `; index ${indexes}` : ''}`;
}

/** How to wait for a table. @internal */
export interface WaitOptions {
  /** The model the table is for, named in errors. */
  model?: string | undefined;
  /** How long to wait at the most; 5 minutes by default. */
  limitMs?: number | undefined;
  /** Told each status read (as {@link tableStatus} writes it) and the time waited so far. */
  onStatus?: ((status: string, elapsedMs: number) => void) | undefined;
}

/**
 * Polls DescribeTable until the table and every global index are ACTIVE; resolves to the
 * description. A table that vanishes throws TableNotFound; one in a status that does not lead
 * to ACTIVE, or still not ACTIVE at the limit, throws UnknownTableStatus.
 * @internal
 */
export async function waitUntilActive(
  table: string,
  options: WaitOptions = {},
): Promise<TableDescription> {
  const owner = options.model ? ` of ${options.model}` : '';
  const limitMs = options.limitMs ?? DEFAULT_LIMIT_MS;
  const started = Date.now();
  for (;;) {
    const description = await describeTableNamed(table, options.model);
    if (!description) {
      throw new TableNotFound(`Table '${table}'${owner} vanished while waiting for it`);
    }
    const status = tableStatus(description);
    options.onStatus?.(status, Date.now() - started);
    if (status === 'ACTIVE') return description;
    if (!ON_THE_WAY.has(String(description.TableStatus))) {
      throw new UnknownTableStatus(
        `Table '${table}'${owner} has status ${String(description.TableStatus)}`,
      );
    }
    if (Date.now() - started > limitMs) {
      throw new UnknownTableStatus(
        `Table '${table}'${owner} did not become ACTIVE within ${limitMs / 60_000} minutes`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
