import { humanize } from './humanize.js';
import type { Message } from './types.js';

/**
 * The text to add for a failed check: the declared message (interpolated) or the default.
 * @internal
 */
export function resolveMessage<R>(
  message: Message<R> | undefined,
  defaultMessage: string,
  record: R,
  attribute: string,
  value: unknown,
  count: number | undefined,
): string {
  if (message === undefined) return defaultMessage;
  if (typeof message === 'function') return message(record, attribute, value);
  return message.replace(/%\{(attribute|value|count)\}/g, (token, name: string) => {
    if (name === 'attribute') return humanize(attribute);
    if (name === 'value') return String(value);
    return count === undefined ? token : String(count);
  });
}
