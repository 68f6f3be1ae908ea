/**
 * The whole collection-proxy interface on a hasAndBelongsToMany collection: building and
 * creating linked records, finding one, first/last, narrowing by conditions on the partner
 * records (applied after the batched read), limit, reverse, pages, and what deleteAll,
 * destroyAll, destroy and replace do to links and partners. Request counts where they matter.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  attr,
  HasManyError,
  InvalidArgument,
  InvalidCursor,
  RecordInvalid,
  RecordNotFound,
  Table,
  transaction,
  type HasAndBelongsToMany,
} from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';
import { injectWriteFaults } from '../support/write-faults.js';

const { log, client, prefix } = useDynamo();

class Album extends Table.schema({
  readCapacityUnits: 20,
  writeCapacityUnits: 20,
  attributes: { title: attr.string() },
}) {
  static {
    this.hasAndBelongsToMany('songs', () => Song);
  }
  declare readonly songs: HasAndBelongsToMany<Song>;
}

class Song extends Table.schema({
  readCapacityUnits: 20,
  writeCapacityUnits: 20,
  attributes: { name: attr.string(), plays: attr.integer({ default: 0 }), genre: attr.string() },
}) {
  static {
    // Before the association: a halting callback runs before the links are removed.
    this.beforeDestroy((song) => song.name !== 'keep');
    this.hasAndBelongsToMany('albums', () => Album);
    this.validates('name', { presence: true });
    this.afterDestroy((song) => {
      destroyed.push(song.name);
    });
  }
  declare readonly albums: HasAndBelongsToMany<Album>;
}

const destroyed: string[] = [];

beforeAll(async () => {
  await Promise.all([Album.createTable(), Song.createTable()]);
});

async function linkItem(source: string, target: string) {
  const out = await client.send(
    new GetItemCommand({
      TableName: `${prefix}albums_songs_links`,
      Key: { source: { S: source }, target: { S: target } },
      ConsistentRead: true,
    }),
  );
  return out.Item;
}

async function bothLinks(album: Album, song: Song): Promise<[boolean, boolean]> {
  return [
    (await linkItem(`albums#${album.id}`, song.id)) !== undefined,
    (await linkItem(`songs#${song.id}`, album.id)) !== undefined,
  ];
}

/** An album linked to songs named s0…s(n-1) (ids ordered as the names), plays = 10 × i. */
async function albumWith(n: number, title = 'Album'): Promise<{ album: Album; songs: Song[] }> {
  const album = await Album.createOrThrow({ title });
  const songs: Song[] = [];
  for (let i = 0; i < n; i++) {
    songs.push(
      await Song.createOrThrow({
        id: `${album.id}-${String(i).padStart(3, '0')}`,
        name: `s${i}`,
        plays: i * 10,
        genre: i % 2 === 0 ? 'jazz' : 'rock',
      }),
    );
  }
  await album.songs.push(...songs);
  return { album, songs };
}

const namesOf = (songs: Song[]) => songs.map((s) => s.name);

describe('hasAndBelongsToMany: building and creating', () => {
  it('create saves the record and both link items in one TransactWriteItems', async () => {
    const album = await Album.createOrThrow({ title: 'Blue' });
    log.clear();
    const song = await album.songs.create({ name: 'So What' });
    expect(log.operations).toEqual(['TransactWriteItems']);
    expect(song.isPersisted()).toBe(true);
    expect(await bothLinks(album, song)).toEqual([true, true]);
    expect(namesOf(await (await Album.find(album.id)).songs.load())).toEqual(['So What']);
    expect((await song.albums.load()).map((a) => a.title)).toEqual(['Blue']);
  });

  it('create of an invalid record saves nothing and links nothing; createOrThrow throws', async () => {
    const album = await Album.createOrThrow({ title: 'Invalid' });
    log.clear();
    const song = await album.songs.create({ name: '' });
    expect(song.isNewRecord()).toBe(true);
    expect(song.errors.get('name')).toEqual(["can't be blank"]);
    expect(log.operations).toEqual([]);
    await expect(album.songs.createOrThrow({ name: '' })).rejects.toBeInstanceOf(RecordInvalid);
    expect(await album.songs.count()).toBe(0);
    const ok = await album.songs.createOrThrow({ name: 'Fine' });
    expect(await bothLinks(album, ok)).toEqual([true, true]);
  });

  it('build makes an unsaved record, linked when it is saved', async () => {
    const album = await Album.createOrThrow({ title: 'Built' });
    await album.songs.load();
    const song = album.songs.build({ name: 'Later' });
    expect(song).toBeInstanceOf(Song);
    expect(song.isNewRecord()).toBe(true);
    expect(namesOf(await album.songs.load())).toEqual(['Later']); // in the loaded array
    expect(await album.songs.count()).toBe(0); // nothing written yet
    await song.saveOrThrow();
    expect(await bothLinks(album, song)).toEqual([true, true]);
    expect(namesOf(await album.songs.reload())).toEqual(['Later']);
    // Saving it again writes no link.
    log.clear();
    song.name = 'Later still';
    await song.saveOrThrow();
    expect(log.operations).toEqual(['UpdateItem']);
  });

  it('build, create and createOrThrow refuse an unsaved owner', async () => {
    const album = new Album({ title: 'Unsaved' });
    expect(() => album.songs.build({ name: 'x' })).toThrow(HasManyError);
    await expect(album.songs.create({ name: 'x' })).rejects.toBeInstanceOf(HasManyError);
    await expect(album.songs.createOrThrow({ name: 'x' })).rejects.toBeInstanceOf(HasManyError);
  });

  it('inside transaction(), a created record and its links commit together or not at all', async () => {
    const album = await Album.createOrThrow({ title: 'Tx' });
    const other = await Album.createOrThrow({ title: 'Tx other' });
    await expect(
      transaction(async () => {
        await album.songs.create({ name: 'rolled back' });
        await new Album({ id: other.id, title: 'duplicate' }).saveOrThrow();
      }),
    ).rejects.toThrow();
    expect(await album.songs.count()).toBe(0);
    await transaction(async () => {
      await album.songs.create({ name: 'committed' });
    });
    expect(namesOf(await album.songs.reload())).toEqual(['committed']);
  });
});

describe('hasAndBelongsToMany: reading', () => {
  it('find reads one linked record by its key (link and record read in parallel)', async () => {
    const { album, songs } = await albumWith(3, 'Find');
    const stranger = await Song.createOrThrow({ name: 'stranger' });
    log.clear();
    const found = await album.songs.find(songs[1]!.id);
    expect(found.name).toBe('s1');
    expect(log.operations.sort()).toEqual(['GetItem', 'GetItem']);
    await expect(album.songs.find(stranger.id)).rejects.toBeInstanceOf(RecordNotFound);
    await expect(album.songs.find('no-such-song')).rejects.toBeInstanceOf(RecordNotFound);
    await expect(album.songs.where({ genre: 'jazz' }).find(songs[1]!.id)).rejects.toBeInstanceOf(
      RecordNotFound,
    );
    expect((await album.songs.where({ genre: 'rock' }).find(songs[1]!.id)).name).toBe('s1');
    await expect(new Album({ title: 'new' }).songs.find(songs[0]!.id)).rejects.toBeInstanceOf(
      RecordNotFound,
    );
  });

  it('first and last: one Query of one link and one BatchGetItem each, in link order', async () => {
    const { album } = await albumWith(4, 'Ends');
    log.clear();
    expect((await album.songs.first())?.name).toBe('s0');
    expect(log.operations).toEqual(['Query', 'BatchGetItem']);
    expect(log.inputs[0]).toMatchObject({ Limit: 1 });
    log.clear();
    expect((await album.songs.last())?.name).toBe('s3');
    expect(log.operations).toEqual(['Query', 'BatchGetItem']);
    expect(log.inputs[0]).toMatchObject({ Limit: 1, ScanIndexForward: false });
    expect(await (await Album.createOrThrow({ title: 'Empty' })).songs.first()).toBeNull();
    expect(await (await Album.createOrThrow({ title: 'Empty' })).songs.last()).toBeNull();
    // From the loaded array, no request.
    await album.songs.load();
    log.clear();
    expect((await album.songs.first())?.name).toBe('s0');
    expect((await album.songs.last())?.name).toBe('s3');
    expect(log.operations).toEqual([]);
  });

  it('first skips a link whose partner is gone, reading on', async () => {
    const { album, songs } = await albumWith(3, 'Gone');
    await songs[0]!.delete(); // no callbacks: its links stay
    expect((await album.songs.first())?.name).toBe('s1');
    expect(namesOf(await album.songs.load())).toEqual(['s1', 's2']);
  });

  it('where filters the partner records after the batched read; every reader honours it', async () => {
    const { album } = await albumWith(6, 'Where');
    const jazz = album.songs.where({ genre: 'jazz' });
    expect(jazz).not.toBe(album.songs);
    log.clear();
    expect(namesOf(await jazz.load())).toEqual(['s0', 's2', 's4']);
    expect(log.operations).toEqual(['Query', 'BatchGetItem']); // no filter sent to the link table
    expect(log.inputs[0]).not.toHaveProperty('FilterExpression');
    expect(
      namesOf(await album.songs.where('plays', '>=', 20).where({ genre: 'rock' }).load()),
    ).toEqual(['s3', 's5']);
    expect(await jazz.count()).toBe(3);
    expect(await album.songs.count()).toBe(6);
    expect((await jazz.first())?.name).toBe('s0');
    expect((await jazz.last())?.name).toBe('s4');
    expect(await album.songs.where({ genre: 'pop' }).isEmpty()).toBe(true);
    expect(await album.songs.where({ genre: 'pop' }).any()).toBe(false);
    expect(await album.songs.where({ genre: 'pop' }).first()).toBeNull();
    const [s0, s1] = await album.songs.load();
    expect(await jazz.includes(s0!)).toBe(true);
    expect(await jazz.includes(s1!)).toBe(false);
    const seen: string[] = [];
    for await (const song of album.songs.where({ genre: 'rock' })) seen.push(song.name);
    expect(seen).toEqual(['s1', 's3', 's5']);
    expect(namesOf(await album.songs.whereNot({ genre: 'jazz' }).load())).toEqual([
      's1',
      's3',
      's5',
    ]);
  });

  it('count() counts the partners there are: a link whose partner was deleted without callbacks is not counted', async () => {
    const { album, songs } = await albumWith(3, 'Dangling');
    await songs[1]!.delete();
    log.clear();
    expect(await album.songs.count()).toBe(2);
    // The partners' keys only, in one batched read per page of links.
    expect(log.operations).toEqual(['Query', 'BatchGetItem']);
    expect(log.inputs[0]).not.toHaveProperty('Select');
    const read = Object.values(
      (log.inputs[1] as { RequestItems: Record<string, { ProjectionExpression?: string }> })
        .RequestItems,
    )[0];
    expect(read?.ProjectionExpression).toBeDefined();
    expect(await album.songs.count()).toBe((await album.songs.load()).length);
    expect(await album.songs.isEmpty()).toBe(false);
  });

  it('limit counts matching records; reverse reads the links backwards', async () => {
    const { album } = await albumWith(6, 'Limit');
    log.clear();
    expect(namesOf(await album.songs.limit(2).load())).toEqual(['s0', 's1']);
    expect(log.operations).toEqual(['Query', 'BatchGetItem']);
    expect(log.inputs[0]).toMatchObject({ Limit: 2 });
    expect(namesOf(await album.songs.reverse().limit(2).load())).toEqual(['s5', 's4']);
    expect(namesOf(await album.songs.where({ genre: 'rock' }).limit(2).load())).toEqual([
      's1',
      's3',
    ]);
    expect(namesOf(await album.songs.where({ genre: 'rock' }).reverse().load())).toEqual([
      's5',
      's3',
      's1',
    ]);
    expect(await album.songs.where({ genre: 'rock' }).limit(2).count()).toBe(2);
    expect((await album.songs.limit(3).last())?.name).toBe('s2');
    const [, , third] = await album.songs.load();
    expect(await album.songs.limit(2).includes(third!)).toBe(false);
    expect(await album.songs.limit(3).includes(third!)).toBe(true);
    await expect(album.songs.page({ limit: 0 })).rejects.toBeInstanceOf(InvalidArgument);
    expect(await new Album({ title: 'new' }).songs.count()).toBe(0);
    expect(await new Album({ title: 'new' }).songs.where({ genre: 'rock' }).isEmpty()).toBe(true);
    expect(() => album.songs.limit(0)).toThrow(HasManyError);
    expect(() => album.songs.limit(1.5)).toThrow(HasManyError);
  });

  it('pages: { items, next }, filtered pages read on, cursors bound to the collection', async () => {
    const { album } = await albumWith(7, 'Pages');
    const pages: string[][] = [];
    let after: string | null = null;
    do {
      const page: { items: Song[]; next: string | null } = await album.songs.page({
        limit: 3,
        after,
      });
      pages.push(namesOf(page.items));
      after = page.next;
    } while (after);
    expect(pages.flat()).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6']);
    expect(pages[0]).toEqual(['s0', 's1', 's2']);
    // A filtered page takes three matches even where the link page holds fewer.
    const jazz = album.songs.where({ genre: 'jazz' });
    const first = await jazz.page({ limit: 3 });
    expect(namesOf(first.items)).toEqual(['s0', 's2', 's4']);
    const second = await jazz.page({ limit: 3, after: first.next });
    expect(namesOf(second.items)).toEqual(['s6']);
    expect(second.next).toBeNull();
    const backwards = await album.songs.reverse().page({ limit: 2 });
    expect(namesOf(backwards.items)).toEqual(['s6', 's5']);
    // Another collection's cursor, or another filter's, is refused.
    const other = await albumWith(2, 'Other');
    await expect(other.album.songs.page({ limit: 3, after: first.next })).rejects.toBeInstanceOf(
      InvalidCursor,
    );
    await expect(album.songs.page({ limit: 3, after: first.next })).rejects.toBeInstanceOf(
      InvalidCursor,
    );
    await expect(album.songs.page({ after: 'nonsense' })).rejects.toBeInstanceOf(InvalidCursor);
    expect(await new Album({ title: 'new' }).songs.page({ limit: 2 })).toEqual({
      items: [],
      next: null,
    });
  });
});

describe('hasAndBelongsToMany: removing', () => {
  it('deleteAll removes the links (both directions, batched), never the partners', async () => {
    const { album, songs } = await albumWith(4, 'DeleteAll');
    const elsewhere = await Album.createOrThrow({ title: 'Elsewhere' });
    await elsewhere.songs.push(songs[0]!);
    await album.songs.load();
    log.clear();
    expect(await album.songs.deleteAll()).toBe(4);
    expect(log.operations).toEqual(['Query', 'TransactWriteItems']); // no partner read
    expect(await album.songs.load()).toEqual([]); // the cache is forgotten
    for (const song of songs) expect(await bothLinks(album, song)).toEqual([false, false]);
    expect(await Song.findByKey(songs[0]!.id)).not.toBeNull();
    expect((await songs[0]!.albums.reload()).map((a) => a.title)).toEqual(['Elsewhere']);
  });

  it('deleteAll of a narrowed collection removes only the links of the matching partners', async () => {
    const { album, songs } = await albumWith(4, 'DeleteSome');
    expect(await album.songs.where({ genre: 'jazz' }).deleteAll()).toBe(2);
    expect(namesOf(await album.songs.reload())).toEqual(['s1', 's3']);
    expect(await bothLinks(album, songs[0]!)).toEqual([false, false]);
    expect(await bothLinks(album, songs[1]!)).toEqual([true, true]);
    expect(await Song.findByKey(songs[0]!.id)).not.toBeNull();
  });

  it('destroyAll, as in ActiveRecord, removes the links of the matching partners; the partners and their other links stay', async () => {
    const { album, songs } = await albumWith(4, 'DestroyAll');
    const elsewhere = await Album.createOrThrow({ title: 'Elsewhere' });
    await elsewhere.songs.push(songs[0]!, songs[1]!);
    destroyed.length = 0;
    expect(await album.songs.where({ genre: 'jazz' }).destroyAll()).toBe(2);
    expect(destroyed).toEqual([]);
    expect(await Song.findByKey(songs[0]!.id)).not.toBeNull();
    expect(await bothLinks(album, songs[0]!)).toEqual([false, false]);
    expect(await bothLinks(elsewhere, songs[0]!)).toEqual([true, true]);
    expect(namesOf(await elsewhere.songs.load()).sort()).toEqual(['s0', 's1']);
    expect(await album.songs.destroyAll()).toBe(2);
    expect(await album.songs.count()).toBe(0);
    expect(await Song.findByKey(songs[3]!.id)).not.toBeNull();
  });

  it("destroyAll does not run the partners' destroy callbacks: a partner whose callback would halt is unlinked all the same", async () => {
    const album = await Album.createOrThrow({ title: 'Halt' });
    const keep = await album.songs.createOrThrow({ name: 'keep' });
    const go = await album.songs.createOrThrow({ name: 'go' });
    expect(await album.songs.destroyAll()).toBe(2);
    expect(await album.songs.reload()).toEqual([]);
    expect(await Song.findByKey(keep.id)).not.toBeNull();
    expect(await Song.findByKey(go.id)).not.toBeNull();
  });

  it('destroy removes the links to the given partners, which stay; a record not linked is refused', async () => {
    const { album, songs } = await albumWith(3, 'Destroy');
    destroyed.length = 0;
    expect(await album.songs.destroy(songs[0]!)).toBe(true);
    expect(destroyed).toEqual([]);
    expect(await Song.findByKey(songs[0]!.id)).not.toBeNull();
    expect(await bothLinks(album, songs[0]!)).toEqual([false, false]);
    await album.songs.delete(songs[1]!);
    expect(await Song.findByKey(songs[1]!.id)).not.toBeNull();
    expect(namesOf(await album.songs.reload())).toEqual(['s2']);
    const stranger = await Song.createOrThrow({ name: 'stranger' });
    await expect(album.songs.destroy(stranger)).rejects.toBeInstanceOf(HasManyError);
    expect(await bothLinks(album, songs[2]!)).toEqual([true, true]);
    expect(await Song.findByKey(stranger.id)).not.toBeNull();
  });

  it('destroy of linked partners is one transaction, no read; a partner not linked among them is refused and nothing is removed', async () => {
    const { album, songs } = await albumWith(3, 'DestroyOne');
    log.clear();
    expect(await album.songs.destroy(songs[0]!, songs[1]!)).toBe(true);
    expect(log.operations).toEqual(['TransactWriteItems']);
    expect(await bothLinks(album, songs[0]!)).toEqual([false, false]);
    expect(await bothLinks(album, songs[1]!)).toEqual([false, false]);
    const stranger = await Song.createOrThrow({ name: 'stranger' });
    log.clear();
    const refused = album.songs.destroy(songs[2]!, stranger);
    await expect(refused).rejects.toBeInstanceOf(HasManyError);
    await expect(refused).rejects.toThrow(/is not in/);
    expect(log.operations).toEqual(['TransactWriteItems']);
    expect(await bothLinks(album, songs[2]!)).toEqual([true, true]);
    await expect(album.songs.destroy(new Song({ name: 'unsaved' }))).rejects.toBeInstanceOf(
      HasManyError,
    );
    // The same partner twice is one link to remove.
    expect(await album.songs.destroy(songs[2]!, songs[2]!)).toBe(true);
    expect(await bothLinks(album, songs[2]!)).toEqual([false, false]);
  });

  it('destroy whose answer is lost after DynamoDB applied it is not refused on the resend, and removes each link once', async () => {
    for (const where of ['attempt', 'call'] as const) {
      const { album, songs } = await albumWith(2, `DestroyLost-${where}`);
      // The first TransactWriteItems is applied, then its answer is lost.
      const faults = injectWriteFaults(
        client,
        (op, n) => (op === 'TransactWriteItems' && n === 1 ? 'reset' : undefined),
        where,
      );
      try {
        expect(await album.songs.destroy(songs[0]!, songs[1]!)).toBe(true);
      } finally {
        faults.remove();
      }
      expect(faults.injected).toEqual(['TransactWriteItems:reset']);
      expect(await bothLinks(album, songs[0]!)).toEqual([false, false]);
      expect(await bothLinks(album, songs[1]!)).toEqual([false, false]);
      expect(await Song.findByKey(songs[0]!.id)).not.toBeNull();
    }
  });

  it('destroy racing another writer that unlinks one of the partners is refused whole: the other link stays', async () => {
    const { album, songs } = await albumWith(2, 'DestroyRace');
    // Another copy of the album removes one link first (a concurrent writer).
    const other = await Album.find(album.id);
    await other.songs.delete(songs[1]!);
    await expect(album.songs.destroy(songs[0]!, songs[1]!)).rejects.toBeInstanceOf(HasManyError);
    expect(await bothLinks(album, songs[0]!)).toEqual([true, true]);
    expect(await bothLinks(album, songs[1]!)).toEqual([false, false]);
  });

  it('replace links the given records and unlinks the others, which stay', async () => {
    const { album, songs } = await albumWith(3, 'Replace');
    const fresh = new Song({ name: 'fresh' });
    await album.songs.replace([songs[1]!, fresh]);
    expect(fresh.isPersisted()).toBe(true);
    expect(namesOf(await album.songs.load()).sort()).toEqual(['fresh', 's1']);
    expect(await bothLinks(album, songs[0]!)).toEqual([false, false]);
    expect(await Song.findByKey(songs[0]!.id)).not.toBeNull();
    await album.songs.replace([]);
    expect(await album.songs.count()).toBe(0);
  });
});
