/**
 * An attribute name as words for a message, as ActiveSupport's `humanize` after `underscore`:
 * `maxSeconds` → "Max seconds", `max_seconds` → "Max seconds", `forumId` → "Forum".
 * @internal
 */
export function humanize(attribute: string): string {
  const words = attribute
    .replace(/([A-Z\d]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/^_+/, '')
    .replace(/_id$/, '')
    .replace(/_+/g, ' ')
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
