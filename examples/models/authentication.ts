/**
 * Authentication: a session token per user, keyed by username and expiry, with a local index
 * on the creation time and global indexes to find a session by token or by API user.
 *
 * ```ts
 * const auth = await Authentication.create({ username: 'alice', expiresAt: Date.now() + 3600_000, token: 'tok' });
 * const [found] = await Authentication.findGlobal('token', 'tok');
 * ```
 */
import { randomUUID } from 'node:crypto';
import { Table, attr } from '../../src/index.js';

export class Authentication extends Table.schema({
  hashKey: 'username',
  rangeKey: 'expiresAt',
  readCapacityUnits: 5,
  writeCapacityUnits: 5,
  locking: false,
  timestamps: false,
  attributes: {
    expiresAt: attr.datetime(),
    token: attr.string({ default: () => randomUUID() }),
    apiUserId: attr.string(),
    maxAge: attr.integer({ default: 3600 }),
    createdAt: attr.datetime({ localSecondaryIndex: true, default: () => new Date() }),
  },
  globalSecondaryIndexes: [
    { hashKey: 'token', projection: 'all' },
    {
      hashKey: 'apiUserId',
      rangeKey: 'expiresAt',
      projection: 'keysOnly',
      readCapacityUnits: 2,
      writeCapacityUnits: 2,
    },
  ],
}) {
  /** Whether the session has expired. */
  isExpired(now: Date = new Date()): boolean {
    return this.expiresAt !== null && this.expiresAt.getTime() <= now.getTime();
  }
}
