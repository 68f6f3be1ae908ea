import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  attr,
  configure,
  InvalidArgument,
  InvalidCursor,
  Table,
  type ConfigureOptions,
} from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { log, prefix, client } = useDynamo();
const OLD_KEY = 'old-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const NEW_KEY = 'new-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const OTHER_KEY = 'someone-elses-secret-0123456789abcdefghijklmnop';

/** The test file's connection plus the cursor options under test. */
function useCursors(options: Pick<ConfigureOptions, 'cursorSecret' | 'cursorExpiresIn'>) {
  configure({ client, tableNamePrefix: prefix, ...options });
}

class Note extends Table.schema({
  hashKey: 'board',
  rangeKey: 'guid',
  attributes: { text: attr.string() },
}) {}

const ids = Array.from({ length: 9 }, (_, i) => `n${i}`);

beforeAll(async () => {
  await Note.createTable();
  await Promise.all(ids.map((guid) => Note.create({ board: 'main', guid, text: guid })));
  await Note.create({ board: 'secret', guid: 's1', text: 'hidden' });
});

afterAll(() => useCursors({}));

/** Reading a page with this cursor is refused with InvalidCursor and sends nothing. */
async function expectRefused(after: string, why: RegExp, extra: { context?: string } = {}) {
  log.clear();
  const attempt = Note.queryPage('main', { limit: 3, after, ...extra });
  await expect(attempt).rejects.toThrow(InvalidCursor);
  await expect(attempt).rejects.toThrow(why);
  expect(log.operations).toEqual([]);
}

function swapChar(text: string, index: number, replacement: string): string {
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe('with configure({ cursorSecret })', () => {
  beforeAll(() => useCursors({ cursorSecret: NEW_KEY }));

  it('signs every cursor (payload.signature, URL-safe) and walks the pages', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { items: Note[]; next: string | null } = await Note.queryPage('main', {
        limit: 4,
        after,
      });
      seen.push(...page.items.map((n) => n.guid));
      if (page.next !== null) expect(page.next).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
      after = page.next;
    } while (after !== null);
    expect(seen).toEqual(ids);
  });

  it('refuses an altered payload, an altered signature and an unsigned forgery, before any request', async () => {
    const { next } = await Note.queryPage('main', { limit: 3 });
    const [payload, signature] = next!.split('.') as [string, string];
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
      k: Record<string, unknown>;
    };
    // Moving the start key to another partition, keeping the signature.
    const moved = Buffer.from(
      JSON.stringify({ ...body, k: { ...body.k, board: { S: 'secret' } } }),
    ).toString('base64url');
    await expectRefused(`${moved}.${signature}`, /signature does not match/);
    // A forged cursor signed with someone else's secret.
    useCursors({ cursorSecret: OTHER_KEY });
    const forged = (await Note.queryPage('main', { limit: 3 })).next!;
    useCursors({ cursorSecret: NEW_KEY });
    await expectRefused(forged, /signature does not match/);
    // The unsigned form, as a cursor would be without a secret.
    await expectRefused(payload, /not signed/);
    await expectRefused(`${payload}.`, /not a cursor/);
    await expectRefused(`${payload}.${signature.slice(1)}`, /signature is malformed/);
    // Control: the cursor as issued is accepted.
    const page = await Note.queryPage('main', { limit: 3, after: next });
    expect(page.items.map((n) => n.guid)).toEqual(['n3', 'n4', 'n5']);
  });

  it('refuses any single-character change of a signed cursor (property)', async () => {
    const { next } = await Note.queryPage('main', { limit: 2 });
    const cursor = next!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: cursor.length - 1 }),
        fc.constantFrom(...alphabet),
        async (index, replacement) => {
          fc.pre(cursor[index] !== replacement && cursor[index] !== '.');
          await expect(
            Note.queryPage('main', { limit: 2, after: swapChar(cursor, index, replacement) }),
          ).rejects.toThrow(InvalidCursor);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("refuses another query's signed cursor", async () => {
    const { next } = await Note.queryPage('main', { limit: 3 });
    log.clear();
    await expect(Note.queryPage('secret', { after: next })).rejects.toThrow(/another query/);
    await expect(Note.queryPage('main', '>', 'n0', { after: next })).rejects.toThrow(
      /another query/,
    );
    expect(log.operations).toEqual([]);
  });

  it('binds a cursor to its caller context', async () => {
    const { next } = await Note.queryPage('main', { limit: 3, context: 'user:alice' });
    await expectRefused(next!, /signature does not match/, { context: 'user:bob' });
    await expectRefused(next!, /signature does not match/);
    const page = await Note.queryPage('main', { limit: 3, after: next, context: 'user:alice' });
    expect(page.items.map((n) => n.guid)).toEqual(['n3', 'n4', 'n5']);
  });

  it('refuses an expired cursor, from the page option or the configured default', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const { next } = await Note.queryPage('main', { limit: 3, expiresIn: 60_000 });
      vi.setSystemTime(Date.now() + 59_000);
      expect((await Note.queryPage('main', { limit: 3, after: next })).items).toHaveLength(3);
      vi.setSystemTime(Date.now() + 2_000);
      await expectRefused(next!, /expired/);

      useCursors({ cursorSecret: NEW_KEY, cursorExpiresIn: 1_000 });
      const short = (await Note.queryPage('main', { limit: 3 })).next!;
      vi.setSystemTime(Date.now() + 1_001);
      await expectRefused(short, /expired/);
    } finally {
      vi.useRealTimers();
      useCursors({ cursorSecret: NEW_KEY });
    }
  });

  it('rotates keys: the newest signs, older ones verify until removed', async () => {
    useCursors({ cursorSecret: OLD_KEY });
    const fromOldKey = (await Note.queryPage('main', { limit: 3 })).next!;

    useCursors({ cursorSecret: [NEW_KEY, OLD_KEY] });
    expect((await Note.queryPage('main', { limit: 3, after: fromOldKey })).items).toHaveLength(3);
    const fromNewKey = (await Note.queryPage('main', { limit: 3 })).next!;
    expect(fromNewKey).not.toBe(fromOldKey);

    useCursors({ cursorSecret: [NEW_KEY] });
    expect((await Note.queryPage('main', { limit: 3, after: fromNewKey })).items).toHaveLength(3);
    await expectRefused(fromOldKey, /signature does not match/);
  });
});

describe('unsigned cursors (the default)', () => {
  beforeAll(() => useCursors({}));

  it('refuses a signed cursor when no secret is configured', async () => {
    useCursors({ cursorSecret: NEW_KEY });
    const signed = (await Note.queryPage('main', { limit: 3 })).next!;
    useCursors({});
    await expectRefused(signed, /no cursorSecret is configured/);
    const unsigned = (await Note.queryPage('main', { limit: 3 })).next!;
    expect(unsigned).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses a context or expiry it could not enforce, naming the option', async () => {
    await expect(Note.queryPage('main', { context: 'user:alice' })).rejects.toThrow(
      expect.objectContaining({ name: 'InvalidArgument', argument: 'context' }),
    );
    await expect(Note.queryPage('main', { expiresIn: 1000 })).rejects.toThrow(
      expect.objectContaining({ name: 'InvalidArgument', argument: 'expiresIn' }),
    );
  });
});

describe('cursor options are checked by configure and page', () => {
  it('refuses weak or malformed secrets and an expiry without a secret', () => {
    const refused = (options: ConfigureOptions, argument: string) => {
      expect(() => configure({ client, ...options })).toThrow(InvalidArgument);
      expect(() => configure({ client, ...options })).toThrow(
        expect.objectContaining({ argument }),
      );
    };
    refused({ cursorSecret: 'short' }, 'cursorSecret');
    refused({ cursorSecret: [] }, 'cursorSecret');
    refused({ cursorSecret: [NEW_KEY, 42 as unknown as string] }, 'cursorSecret');
    refused({ cursorExpiresIn: 1000 }, 'cursorExpiresIn');
    refused({ cursorSecret: NEW_KEY, cursorExpiresIn: 0 }, 'cursorExpiresIn');
    useCursors({});
  });

  it('refuses an empty context and a bad expiresIn on a page', async () => {
    useCursors({ cursorSecret: NEW_KEY });
    try {
      await expect(Note.queryPage('main', { context: '' })).rejects.toThrow(
        expect.objectContaining({ argument: 'context' }),
      );
      await expect(Note.queryPage('main', { expiresIn: Number.NaN })).rejects.toThrow(
        expect.objectContaining({ argument: 'expiresIn' }),
      );
    } finally {
      useCursors({});
    }
  });
});
