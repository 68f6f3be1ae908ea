import type { MethodName } from '../schema/record-types.js';
import type { Errors } from './errors.js';
import type { AcceptanceOptions } from './validators/acceptance.js';
import type { ExclusionOptions } from './validators/exclusion.js';
import type { FormatOptions } from './validators/format.js';
import type { InclusionOptions } from './validators/inclusion.js';
import type { LengthOptions } from './validators/length.js';
import type { NumericalityOptions } from './validators/numericality.js';

/** What the validation engine needs from a record: its attribute values and its `errors`. */
export interface ValidatableRecord {
  readAttribute(name: string): unknown;
  readonly errors: Errors;
}

/** The context a validation runs in: saving a new record, or saving a persisted one. */
export type ValidationContext = 'create' | 'update';

/** A condition: a predicate on the record, or the name of one of its methods. */
export type Condition<R> = MethodName<R> | ((record: R) => boolean | Promise<boolean>);

/**
 * An error message: text, or a function computing it. Text may interpolate `%{attribute}`,
 * `%{value}` and `%{count}` (the bound a length or numericality check failed against).
 */
export type Message<R> = string | ((record: R, attribute: string, value: unknown) => string);

/** When a validation applies: `on` a context, `if`/`unless` conditions hold. */
export interface ConditionOptions<R> {
  on?: ValidationContext | readonly ValidationContext[];
  if?: Condition<R> | readonly Condition<R>[];
  unless?: Condition<R> | readonly Condition<R>[];
}

/** Conditions plus the per-value skips `allowNil` (null/undefined) and `allowBlank`. */
export interface EachOptions<R> extends ConditionOptions<R> {
  allowNil?: boolean;
  allowBlank?: boolean;
}

/** Options every validator accepts, at the top level of `validates` or in its own object. */
export interface ValidatorCommonOptions<R> extends EachOptions<R> {
  message?: Message<R>;
}

/**
 * The validators `validates` knows, by key, with the values each accepts. An interface so that
 * a validator registered with `registerValidator` can be typed by declaration merging:
 *
 * ```ts
 * declare module './validations/types.js' {
 *   interface ValidatorOptionsMap<R> { uniqueness: boolean | UniquenessOptions<R> }
 * }
 * ```
 */
export interface ValidatorOptionsMap<R> {
  presence: boolean | ValidatorCommonOptions<R>;
  absence: boolean | ValidatorCommonOptions<R>;
  length: false | LengthOptions<R> | readonly [number, number];
  format: false | FormatOptions<R> | RegExp;
  numericality: boolean | NumericalityOptions<R>;
  inclusion: false | InclusionOptions<R> | readonly unknown[] | ReadonlySet<unknown>;
  exclusion: false | ExclusionOptions<R> | readonly unknown[] | ReadonlySet<unknown>;
  acceptance: boolean | AcceptanceOptions<R>;
}

/**
 * The options of one `validates` call: validators by key, and common options that apply to
 * each of them unless its own object overrides them.
 *
 * @example
 * rules.validates('name', { presence: true, length: { maximum: 80 }, on: 'create' });
 */
export type ValidatesOptions<R = ValidatableRecord> = ValidatorCommonOptions<R> & {
  [K in keyof ValidatorOptionsMap<R>]?: ValidatorOptionsMap<R>[K];
};

/** What a validator receives for one attribute of one record. */
export interface ValidatorCall<O> {
  readonly record: ValidatableRecord;
  readonly attribute: string;
  readonly value: unknown;
  /** The validator's own options, shorthand expanded (`true` becomes `{}`). */
  readonly options: O;
  /** Adds the declared `message` if there is one, else `defaultMessage`, to the attribute. */
  fail(defaultMessage: string, count?: number): void;
}

/** A validator's check of one value; it calls `fail` for each problem found. */
export type ValidatorFn<O extends object = object> = (
  call: ValidatorCall<O>,
) => void | Promise<void>;

/** A validator as registered: its check plus what `validates` verifies at declaration time. */
export interface ValidatorDefinition<O extends object = object> {
  validate(call: ValidatorCall<O>): void | Promise<void>;
  /** Keys it accepts besides the common ones; when absent, any key is accepted. */
  readonly optionKeys?: readonly string[];
  /** A shorthand value (an array or a Set, a RegExp) is taken as this option. */
  readonly shorthand?: { readonly list?: string; readonly regexp?: string };
  /** Defaults for `allowNil`/`allowBlank`, below the ones the declaration gives. */
  readonly defaults?: { readonly allowNil?: boolean; readonly allowBlank?: boolean };
  /** Throws `ValidationDeclarationError` when the options cannot work. */
  check?(options: O, attributes: readonly string[]): void;
}
