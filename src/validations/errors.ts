import { humanize } from './humanize.js';

/**
 * The validation errors of one record, by attribute, as ActiveModel::Errors. Messages added
 * to `base` concern the record as a whole.
 *
 * @example
 * const errors = new Errors();
 * errors.add('maxSeconds', "can't be blank");
 * errors.fullMessages;  // ["Max seconds can't be blank"]
 * errors.toJSON();      // { maxSeconds: ["can't be blank"] }
 */
export class Errors implements Iterable<[attribute: string, message: string]> {
  // Made on the first message: most records never have one, and a save clears them each time.
  #messages: Map<string, string[]> | undefined;

  /** Adds a message to an attribute (ActiveModel's default "is invalid" when none given). */
  add(attribute: string, message = 'is invalid'): void {
    const messages = (this.#messages ??= new Map());
    const list = messages.get(attribute);
    if (list) list.push(message);
    else messages.set(attribute, [message]);
  }

  /** The messages of an attribute, in the order added; an empty array when it has none. */
  get(attribute: string): string[] {
    return [...(this.#messages?.get(attribute) ?? [])];
  }

  /** Whether an attribute has at least one message. */
  has(attribute: string): boolean {
    return this.#messages?.has(attribute) ?? false;
  }

  /** Removes the messages of one attribute. */
  delete(attribute: string): void {
    this.#messages?.delete(attribute);
  }

  /** Removes every message. */
  clear(): void {
    this.#messages = undefined;
  }

  /** Whether there is no message at all. */
  isEmpty(): boolean {
    return this.#messages === undefined || this.#messages.size === 0;
  }

  /** The number of messages, over all attributes. */
  get count(): number {
    let total = 0;
    for (const list of this.#messages?.values() ?? []) total += list.length;
    return total;
  }

  /** The attributes that have messages, in the order their first message was added. */
  get attributeNames(): string[] {
    return [...(this.#messages?.keys() ?? [])];
  }

  /** Every message as a sentence: "Name can't be blank"; a `base` message stands alone. */
  get fullMessages(): string[] {
    return [...this].map(([attribute, message]) => this.fullMessage(attribute, message));
  }

  /** The full messages of one attribute. */
  fullMessagesFor(attribute: string): string[] {
    return this.get(attribute).map((message) => this.fullMessage(attribute, message));
  }

  /** One message as a sentence, with the attribute name humanized in front. */
  fullMessage(attribute: string, message: string): string {
    return attribute === 'base' ? message : `${humanize(attribute)} ${message}`;
  }

  /** `{ attribute: [messages] }`, for an HTTP response. */
  toJSON(): Record<string, string[]> {
    const json: Record<string, string[]> = {};
    for (const [attribute, list] of this.#messages ?? []) json[attribute] = [...list];
    return json;
  }

  /** Each message with its attribute, in the order of `attributeNames`. */
  *[Symbol.iterator](): Iterator<[attribute: string, message: string]> {
    for (const [attribute, list] of this.#messages ?? []) {
      for (const message of list) yield [attribute, message];
    }
  }
}
