/**
 * Turns a source row into a model's attributes: columns map to attributes by name
 * (snake_case → camelCase by default, or as written), `--map column=attribute` overrides,
 * `id` is kept as the model's own key, and a foreign key column becomes the belongsTo
 * reference, composite (`"<parentHash>:<parentId>"`) where the association asks for it.
 */
import { belongsToOf } from '../../associations/registry.js';
import type { BelongsToAssociation } from '../../associations/registry.js';
import { schemaOf, type ModelClass } from '../../schema/model-class.js';
import type { FieldDefinition } from '../../schema/model-schema.js';
import { PARENT_HASH_COLUMN } from './sources.js';

type Row = Record<string, unknown>;

/** The attributes of one row, or why the row cannot name them. */
export type Mapped = { attributes: Row } | { errors: Record<string, string[]> };

/** snake_case (or kebab-case) to camelCase. */
export function camelCase(name: string): string {
  return name.replace(/[_-]+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** camelCase to snake_case. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

// A SQL datetime without a zone ('2024-05-01 10:00:00'): taken as UTC, as SQL servers store it.
const NAIVE_DATETIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** Maps the columns of a source to a model's attributes. */
export class RowMapper {
  private readonly schema;
  private readonly association: BelongsToAssociation | undefined;
  private readonly columns = new Map<string, FieldDefinition | null>();
  /** Columns that match no attribute and are left out. */
  readonly ignored: string[] = [];

  constructor(
    private readonly model: ModelClass,
    private readonly explicit: ReadonlyMap<string, string | null>,
  ) {
    this.schema = schemaOf(model);
    this.association = belongsToOf(model);
  }

  /** The column a foreign key is read from by default (`forum_id` for `forumId`). */
  foreignKeyColumn(): string | undefined {
    if (!this.association) return undefined;
    for (const [column, attribute] of this.explicit)
      if (attribute === this.association.foreignKey) return column;
    return snakeCase(this.association.foreignKey);
  }

  private fieldFor(column: string): FieldDefinition | null {
    let field = this.columns.get(column);
    if (field !== undefined) return field;
    field = null;
    if (this.explicit.has(column)) {
      const name = this.explicit.get(column);
      field = name ? (this.schema.fields.get(name) ?? null) : null;
    } else if (column !== PARENT_HASH_COLUMN) {
      field =
        this.schema.fields.get(camelCase(column)) ??
        this.schema.fields.get(column) ??
        (column === 'id' ? (this.schema.fields.get(this.schema.generatedKey) ?? null) : null);
      if (!field) this.ignored.push(column);
    }
    this.columns.set(column, field);
    return field;
  }

  map(row: Row): Mapped {
    const attributes: Row = {};
    for (const [column, value] of Object.entries(row)) {
      const field = this.fieldFor(column);
      if (!field) continue;
      if (this.association && field.name === this.association.foreignKey) {
        const reference = this.reference(value, row);
        if (reference !== null && typeof reference === 'object') return reference;
        attributes[field.name] = reference;
      } else attributes[field.name] = convert(field, value);
    }
    return { attributes };
  }

  private reference(
    value: unknown,
    row: Row,
  ): string | null | { errors: Record<string, string[]> } {
    const association = this.association!;
    if (value === null || value === undefined || value === '') return null;
    const text = value instanceof Date ? String(value.getTime()) : String(value);
    if (!association.compositeKey || text.includes(':')) return text;
    const parentHash = row[PARENT_HASH_COLUMN];
    if (parentHash === null || parentHash === undefined || parentHash === '') {
      return {
        errors: {
          [association.foreignKey]: [
            `refers to ${association.target().name} ${text}, which has no parent key in the source (missing row, or select "<hash>:<id>" with --query)`,
          ],
        },
      };
    }
    return `${String(parentHash)}:${text}`;
  }

  /** The model, for messages. */
  get modelName(): string {
    return this.model.name;
  }
}

function convert(field: FieldDefinition, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'string') return value;
  if ((field.type === 'datetime' || field.type === 'datetimeSet') && NAIVE_DATETIME.test(value))
    return `${value.replace(' ', 'T')}Z`;
  if (field.type === 'serialized' || field.type === 'json') {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}
