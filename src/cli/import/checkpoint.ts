/**
 * The checkpoint of an import: how many source rows are done (written, rejected or skipped,
 * every one before them too) and how long the rejects file was then. Written atomically
 * (a temporary file renamed over it), so a kill at any moment leaves the last one whole.
 */
import { existsSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';

export interface Checkpoint {
  source: string;
  model: string;
  /** Source rows done, from the first. */
  settled: number;
  /** Bytes of the rejects file covering those rows. */
  rejectsBytes: number;
  complete: boolean;
}

/** The checkpoint in `path` for this source and model, or null to start afresh. */
export function readCheckpoint(path: string, source: string, model: string): Checkpoint | null {
  if (!existsSync(path)) return null;
  const checkpoint = JSON.parse(readFileSync(path, 'utf8')) as Checkpoint;
  if (checkpoint.source !== source || checkpoint.model !== model) {
    throw new Error(
      `checkpoint ${path} belongs to an import of ${checkpoint.model} from ${checkpoint.source}: remove it or choose another file`,
    );
  }
  return checkpoint;
}

export function writeCheckpoint(path: string, checkpoint: Checkpoint): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(checkpoint)}\n`);
  renameSync(temporary, path);
}

/** Cuts the rejects file back to what the checkpoint covers: later rows are read again. */
export function rewindRejects(path: string, bytes: number): void {
  if (existsSync(path)) truncateSync(path, bytes);
}
