/**
 * Checks of the options and argument positions of the public query and scan methods, so a
 * malformed argument (a `NaN` limit, an object where the comparator belongs, a key from a
 * parsed query string) throws {@link InvalidArgument} naming it, before any request, instead
 * of silently changing what is read.
 */
import { InvalidArgument } from '../errors.js';
import { COMPARATORS } from './key-query.js';

/** DynamoDB's bound on TotalSegments. */
const MAX_SEGMENTS = 1_000_000;

interface Rule {
  readonly expected: string;
  readonly accepts: (value: unknown) => boolean;
}

const positiveInteger: Rule = {
  expected: 'a positive integer',
  accepts: (value) => Number.isSafeInteger(value) && (value as number) >= 1,
};
const boolean: Rule = { expected: 'true or false', accepts: (v) => typeof v === 'boolean' };

const RULES: Readonly<Record<string, Rule>> = {
  limit: positiveInteger,
  batchSize: positiveInteger,
  segments: {
    expected: `an integer from 1 to ${MAX_SEGMENTS}`,
    accepts: (v) => Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= MAX_SEGMENTS,
  },
  consistent: boolean,
  scanIndexForward: boolean,
  after: {
    expected: 'a cursor string or null',
    accepts: (v) => typeof v === 'string' || v === null,
  },
  context: { expected: 'a non-empty string', accepts: (v) => typeof v === 'string' && v !== '' },
  expiresIn: positiveInteger,
};

/** The options of a key query and its Each and Page twins. @internal */
export const KEY_QUERY_OPTIONS = [
  'limit',
  'batchSize',
  'consistent',
  'scanIndexForward',
  'after',
  'context',
  'expiresIn',
] as const;
/** The options of `all`, `findEach` and `count`. @internal */
export const SCAN_OPTIONS = ['limit', 'batchSize', 'consistent', 'segments'] as const;

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null)
    return String(value);
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/**
 * Refuses options that are not a plain object, carry a name the method does not take, or hold
 * a value of the wrong shape or range. `undefined` values count as absent. @internal
 */
export function checkOptions(where: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgument(
      `${where}: options must be an object, not ${describe(options)}`,
      'options',
    );
  }
  for (const name of Object.keys(options)) {
    const value = (options as Record<string, unknown>)[name];
    if (!allowed.includes(name)) {
      throw new InvalidArgument(
        `${where}: unknown option ${JSON.stringify(name)} (it takes ${allowed.join(', ')})`,
        name,
      );
    }
    const rule = RULES[name]!;
    if (value !== undefined && !rule.accepts(value)) {
      throw new InvalidArgument(
        `${where}: ${name} must be ${rule.expected}, not ${describe(value)}`,
        name,
      );
    }
  }
}

/** Refuses anything but a known comparator in the comparator position. @internal */
export function checkComparator(where: string, comparator: unknown): void {
  if (!COMPARATORS.has(comparator)) {
    throw new InvalidArgument(
      `${where}: expected a comparator (${[...COMPARATORS].join(', ')}), got ${describe(comparator)}` +
        (typeof comparator === 'object' && comparator !== null
          ? ': an object is taken as options only in the last position'
          : ''),
      'comparator',
    );
  }
}
