/** Association assigners (`new Topic({ forum })`), registered by the associations. @internal */
export const associationAssigners = new WeakMap<
  object,
  Map<string, (record: object, value: unknown) => void>
>();

/** Registers `assign` for `model`'s attribute-like association `name`. @internal */
export function registerAssigner(
  model: object,
  name: string,
  assign: (record: object, value: unknown) => void,
): void {
  const own = associationAssigners.get(model) ?? new Map();
  own.set(name, assign);
  associationAssigners.set(model, own);
}

/** Assigns `value` through the nearest association named `name`; false when there is none. @internal */
export function assignAssociation(record: object, name: string, value: unknown): boolean {
  for (let model: object | null = record.constructor; model; model = Object.getPrototypeOf(model)) {
    const assign = associationAssigners.get(model)?.get(name);
    if (assign) {
      assign(record, value);
      return true;
    }
  }
  return false;
}
