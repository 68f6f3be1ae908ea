import pluralize from 'pluralize';

/** `AsyncJob` → `async_jobs`, as ActiveRecord names tables. */
export function defaultTableName(className: string): string {
  const snake = className
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .toLowerCase();
  const words = snake.split('_');
  // split() always yields at least one word: the last one is pluralized.
  const last = words.pop() as string;
  return [...words, pluralize(last)].join('_');
}

const LEGAL_TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;

/** DynamoDB's rule for table names: 3 to 255 of a-z, A-Z, 0-9, '_', '-', '.'. */
export function isLegalTableName(name: string): boolean {
  return LEGAL_TABLE_NAME.test(name);
}
