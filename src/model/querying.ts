/**
 * Relations from the class (Rails `querying.rb`): `where`, `scan` and the finders that read
 * the first match. Nothing is sent until a relation is read.
 */
import { InvalidArgument, RecordNotFound } from '../errors.js';
import { initialRelation, Relation } from '../relations/relation.js';
import type { Conditions, WhereArguments } from '../relations/types.js';
import type { ModelInput } from '../schema/inference.js';
import type { ModelClass } from '../schema/model-class.js';
import type { ModelType, Table } from '../table.js';
import { asModel } from './core.js';
import { KeyQueries } from './key-queries.js';
import { build } from './persistence.js';

function relationOf<T extends Table>(model: ModelType<T>, conditions: Conditions<T>): Relation<T> {
  return new Relation<T>(initialRelation(asModel(model))).where(conditions);
}

function notFoundBy(model: ModelClass, conditions: object): RecordNotFound {
  return new RecordNotFound(
    `Couldn't find ${model.name} with ${Object.entries(conditions)
      .map(([name, value]) => `${name} = ${JSON.stringify(value)}`)
      .join(' AND ')}`,
    [],
  );
}

function scanSegments(segments: number | undefined): number {
  if (segments === undefined) return 1;
  if (!Number.isInteger(segments) || segments < 1) {
    throw new InvalidArgument(
      `scan({ segments }) takes a positive integer, not ${String(segments)}`,
      'segments',
    );
  }
  return segments;
}

export abstract class Querying extends KeyQueries {
  /** A relation: `where({ status: 'open' })` or `where('views', '>', 10)`. Nothing is sent until read. */
  static where<T extends Table>(this: ModelType<T>, ...args: WhereArguments<T>): Relation<T> {
    return new Relation<T>(initialRelation(asModel(this))).where(...args);
  }
  /** A relation that scans the table (the only one that may): `{ segments }` for a parallel scan. */
  static scan<T extends Table>(this: ModelType<T>, options?: { segments?: number }): Relation<T> {
    return new Relation<T>(
      initialRelation(asModel(this), { scan: { segments: scanSegments(options?.segments) } }),
    );
  }
  /** The first record matching the conditions, or null (key selection as in `where`). */
  static async findBy<T extends Table>(
    this: ModelType<T>,
    conditions: Conditions<T>,
  ): Promise<T | null> {
    return relationOf(this, conditions).first();
  }
  /** As findBy; throws RecordNotFound when nothing matches. */
  static async findByOrThrow<T extends Table>(
    this: ModelType<T>,
    conditions: Conditions<T>,
  ): Promise<T> {
    const found = await relationOf(this, conditions).first();
    if (found === null) throw notFoundBy(asModel(this), conditions);
    return found;
  }
  /** The first record matching, or one created from the conditions and `attributes`. */
  static async findOrCreateBy<T extends Table>(
    this: ModelType<T>,
    conditions: Conditions<T>,
    attributes?: ModelInput<T>,
  ): Promise<T> {
    const found = await relationOf(this, conditions).first();
    if (found !== null) return found;
    const record = build(this, { ...conditions, ...attributes });
    await record.save();
    return record;
  }
  /** The first record matching, or a new unsaved one built from the conditions and `attributes`. */
  static async findOrInitializeBy<T extends Table>(
    this: ModelType<T>,
    conditions: Conditions<T>,
    attributes?: ModelInput<T>,
  ): Promise<T> {
    const found = await relationOf(this, conditions).first();
    return found ?? build(this, { ...conditions, ...attributes });
  }
  /** Whether a record matches the conditions. */
  static async exists<T extends Table>(
    this: ModelType<T>,
    conditions: Conditions<T>,
  ): Promise<boolean> {
    return relationOf(this, conditions).exists();
  }
}
