/**
 * Loads a model file: every exported class made with `Table.schema()` is a model. A `.ts`
 * file needs TypeScript support in Node: it works under `tsx`, and otherwise `tsx` is
 * registered here when the project has it installed.
 */
import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Table } from '../table.js';
import { UsageError } from './cli-error.js';

/** A model class with the static side of Table (metadata getters, createTable, …). */
export type LoadedModel = (new (...args: never[]) => Table) & Omit<typeof Table, 'prototype'>;

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts', '.tsx']);

/** The models exported by each file, in export order, without duplicates. */
export async function loadModels(
  files: readonly string[],
  command: string,
): Promise<LoadedModel[]> {
  const models: LoadedModel[] = [];
  for (const file of files) {
    const path = resolve(file);
    if (!existsSync(path)) throw new UsageError(`model file not found: ${file}`, command);
    const exports = await importFile(path);
    for (const value of Object.values(exports)) {
      if (isModel(value) && !models.includes(value)) models.push(value);
      else if (extendsForeignTable(value)) {
        throw new Error(
          `${file} exports ${(value as { name: string }).name}, built on another copy of ocean-dynamo than this command's: ` +
            "import 'ocean-dynamo' from the installation that runs the command",
        );
      }
    }
  }
  return models;
}

/** Whether a value is a model class (a subclass of Table made by `Table.schema`). */
export function isModel(value: unknown): value is LoadedModel {
  return typeof value === 'function' && value.prototype instanceof Table;
}

/** A class extending some `Table` that is not ours: its configuration would not be ours either. */
function extendsForeignTable(value: unknown): boolean {
  if (typeof value !== 'function') return false;
  for (
    let parent = Object.getPrototypeOf(value) as unknown;
    typeof parent === 'function';
    parent = Object.getPrototypeOf(parent)
  ) {
    if (parent.name === 'Table' && typeof (parent as { schema?: unknown }).schema === 'function')
      return parent !== Table;
  }
  return false;
}

async function importFile(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    if (
      (error as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION' ||
      !TYPESCRIPT.has(extname(path))
    ) {
      throw new Error(`could not load ${path}: ${(error as Error).message.split('\n')[0]}`, {
        cause: error,
      });
    }
  }
  await registerTypeScript(path);
  // Node remembers the failed import of this URL: a query string makes it a fresh one.
  return (await import(`${url}?typescript`)) as Record<string, unknown>;
}

async function registerTypeScript(path: string): Promise<void> {
  let api: { register(): unknown };
  try {
    api = (await import('tsx/esm/api' as string)) as { register(): unknown };
  } catch {
    throw new Error(
      `${path} is TypeScript: install tsx (npm install -D tsx) or pass the compiled .js file`,
    );
  }
  api.register();
}
