/**
 * `validates(attr, { uniqueness: true })`: the value may be held by one record only,
 * enforced by DynamoDB rather than by a read that races with other writers. Each unique
 * value owns a guard item, written in the same transaction as the record (see guards.ts).
 *
 * ```ts
 * class User extends Table.schema({ attributes: { email: attr.string() } }) {
 *   static { this.validates('email', { presence: true, uniqueness: true }); }
 * }
 * const again = await User.create({ email: 'a@example.com' }); // a second one
 * again.errors.get('email');  // ['has already been taken']
 * ```
 *
 * The check happens when the record is written, not when it is validated: `isValid()` does
 * not ask DynamoDB. Blank values (`''`, null) own no guard. Conditions (`on`, `if`,
 * `unless`) cannot apply: the guard follows the value on every write.
 */
import { addCompanionTable } from '../connection/companion-tables.js';
import { declarationsOf, metadataOf } from '../model/metadata.js';
import { KEY_TYPES } from '../schema/attribute-types.js';
import { schemaOf, type ModelClass } from '../schema/model-class.js';
import {
  registerValidator,
  ValidationDeclarationError,
  type Message,
} from '../validations/index.js';
import { guardModelOf } from './guard-table.js';

/** The options of `uniqueness`: only the message can be changed. */
export interface UniquenessOptions<R> {
  message?: Message<R>;
}

declare module '../validations/types.js' {
  interface ValidatorOptionsMap<R> {
    uniqueness: boolean | UniquenessOptions<R>;
  }
}

/** One unique attribute of a model. @internal */
export interface UniqueAttribute {
  readonly name: string;
  readonly message: Message<unknown> | undefined;
}

const CONDITIONS = ['on', 'if', 'unless'] as const;

// Nothing to check at validation time: DynamoDB decides when the guard item is written.
registerValidator('uniqueness', { optionKeys: [], validate() {} });

/**
 * Records the unique attributes of a `validates` call, after the validation rules accepted
 * its options. Called by `Table.validates`.
 * @internal
 */
export function declareUniqueness(
  model: ModelClass,
  attributes: string | readonly string[],
  options: object,
): void {
  const uniqueness = (options as { uniqueness?: unknown }).uniqueness;
  if (!uniqueness) return;
  const names = typeof attributes === 'string' ? [attributes] : [...attributes];
  const own = typeof uniqueness === 'object' ? (uniqueness as Record<string, unknown>) : {};
  for (const key of CONDITIONS) {
    if ((options as Record<string, unknown>)[key] !== undefined || own[key] !== undefined) {
      throw new ValidationDeclarationError(
        names,
        `uniqueness.${key}`,
        'cannot apply: a unique value is guarded on every write',
      );
    }
  }
  const schema = schemaOf(model);
  const message = (own.message ?? (options as { message?: unknown }).message) as
    Message<unknown> | undefined;
  const declared = declarationsOf(model).uniqueAttributes;
  // Under the model as owner: a subclass that declares its own gets its own guard table.
  addCompanionTable(model, () => guardModelOf(model), model);
  for (const name of names) {
    const field = schema.fields.get(name);
    if (!field)
      throw new ValidationDeclarationError(
        names,
        'uniqueness',
        `names an attribute ${model.name} does not have: '${name}'`,
      );
    if (name === schema.hashKey || name === schema.rangeKey) {
      throw new ValidationDeclarationError(
        names,
        'uniqueness',
        `is not needed on the key '${name}': keys are unique already`,
      );
    }
    if (!KEY_TYPES.has(field.type)) {
      throw new ValidationDeclarationError(
        names,
        'uniqueness',
        `needs a string, integer, float or datetime attribute ('${name}' is ${field.type})`,
      );
    }
    declared.set(name, { name, message });
  }
}

/** The unique attributes of a model, its parents' included. @internal */
export function uniqueAttributesOf(model: ModelClass): UniqueAttribute[] {
  const declared = metadataOf(model).uniqueAttributes;
  return declared.size === 0 ? [] : [...declared.values()];
}
