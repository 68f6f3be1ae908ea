/**
 * A relational forum to import: forums, topics (forum_id) and posts (topic_id), with some
 * posts that fail validation (an empty body) or casting (a score that is not a number).
 */
export const FORUMS = 10;
export const TOPICS_PER_FORUM = 10;
export const POSTS = 10_000;

export interface ForumRows {
  forums: { id: number; name: string; description: string; open: number; created_at: string }[];
  topics: { id: number; forum_id: number; title: string; views: number; created_at: string }[];
  posts: { id: number; topic_id: number; body: string; author: string; score: string }[];
}

/** Posts that every import must reject: an empty body, or a score that is not a number. */
export const isBadPost = (id: number) => id % 1000 === 1 || id % 1000 === 2;

export function forumRows(posts = POSTS): ForumRows {
  const rows: ForumRows = { forums: [], topics: [], posts: [] };
  for (let f = 1; f <= FORUMS; f++) {
    rows.forums.push({
      id: f,
      name: `Forum ${f}`,
      description: `about ${f}`,
      open: f % 2,
      created_at: '2024-01-02 03:04:05',
    });
  }
  const topics = FORUMS * TOPICS_PER_FORUM;
  for (let t = 1; t <= topics; t++) {
    rows.topics.push({
      id: t,
      forum_id: ((t - 1) % FORUMS) + 1,
      title: `Topic ${t}`,
      views: t * 3,
      created_at: '2024-02-03 04:05:06',
    });
  }
  for (let p = 1; p <= posts; p++) {
    rows.posts.push({
      id: p,
      topic_id: ((p - 1) % topics) + 1,
      body: p % 1000 === 1 ? '' : `Post ${p}`,
      author: `user${p % 37}`,
      score: p % 1000 === 2 ? 'lots' : String((p % 50) / 4),
    });
  }
  return rows;
}

export const DDL = {
  forums:
    'CREATE TABLE forums (id INTEGER PRIMARY KEY, name VARCHAR(100), description VARCHAR(200), open INTEGER, created_at TIMESTAMP)',
  topics:
    'CREATE TABLE topics (id INTEGER PRIMARY KEY, forum_id INTEGER REFERENCES forums(id), title VARCHAR(200), views INTEGER, created_at TIMESTAMP)',
  posts:
    'CREATE TABLE posts (id INTEGER PRIMARY KEY, topic_id INTEGER REFERENCES topics(id), body TEXT, author VARCHAR(100), score VARCHAR(20))',
};

/** Multi-row INSERT statements of at most `chunk` rows, with `?` or `$n` placeholders. */
export function inserts(
  table: string,
  rows: Record<string, unknown>[],
  placeholder: (n: number) => string,
  chunk = 500,
): { sql: string; values: unknown[] }[] {
  const statements: { sql: string; values: unknown[] }[] = [];
  const columns = Object.keys(rows[0]!);
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const values: unknown[] = [];
    const tuples = part.map((row) => {
      const marks = columns.map((column) => {
        values.push(row[column]);
        return placeholder(values.length);
      });
      return `(${marks.join(', ')})`;
    });
    statements.push({
      sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`,
      values,
    });
  }
  return statements;
}
