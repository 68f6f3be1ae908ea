import { beforeAll, describe, expect, it } from 'vitest';
import { attr, HasManyError, Table, type HasMany } from '../../src/index.js';
import { Forum, Post, Topic } from '../../examples/models/forum.js';
import { useDynamo } from '../support/dynamo.js';

const { log } = useDynamo();

// Callbacks recorded per model, to show which children were destroyed with them.
const destroyed: string[] = [];

class Shelf extends Table.schema({
  readCapacityUnits: 1,
  writeCapacityUnits: 1,
  attributes: { label: attr.string() },
}) {
  static {
    this.hasMany('books', () => Book); // dependent: 'delete' by default
  }
  declare readonly books: HasMany<Book>;
}
class Book extends Table.schema({
  hashKey: 'isbn',
  readCapacityUnits: 1,
  writeCapacityUnits: 1,
  attributes: { title: attr.string() },
}) {
  static {
    this.belongsTo('shelf', () => Shelf);
    this.beforeDestroy((b) => void destroyed.push(`book ${b.title}`));
  }
}

class Team extends Table.schema({ readCapacityUnits: 1, writeCapacityUnits: 1, attributes: {} }) {
  static {
    this.hasMany('members', () => Member, { dependent: 'nullify' });
  }
  declare readonly members: HasMany<Member>;
}
class Member extends Table.schema({
  hashKey: 'guid',
  readCapacityUnits: 1,
  writeCapacityUnits: 1,
  attributes: { name: attr.string() },
}) {
  static {
    this.belongsTo('team', () => Team);
  }
  declare teamId: string | null;
}

class Vault extends Table.schema({ readCapacityUnits: 1, writeCapacityUnits: 1, attributes: {} }) {
  static {
    this.hasMany('boxes', () => Box, { dependent: 'destroy' });
  }
  declare readonly boxes: HasMany<Box>;
}
class Box extends Table.schema({
  hashKey: 'guid',
  readCapacityUnits: 1,
  writeCapacityUnits: 1,
  attributes: { locked: attr.boolean({ default: false }) },
}) {
  static {
    this.belongsTo('vault', () => Vault);
    this.beforeDestroy((box) => !box.locked);
  }
}

class Orphanage extends Table.schema({ attributes: {} }) {
  static {
    this.hasMany('kids', () => Forum); // Forum does not belong to it
  }
}

beforeAll(async () => {
  await Promise.all(
    [Forum, Topic, Post, Shelf, Book, Team, Member, Vault, Box].map((model) => model.createTable()),
  );
});

describe("dependent: 'destroy', three levels deep", () => {
  it('destroys every topic and every post, with their callbacks, before the forum', async () => {
    const forum = await Forum.createOrThrow({ name: 'Doomed' });
    const keep = await Forum.createOrThrow({ name: 'Kept' });
    const topics = await Promise.all(
      [1, 2, 3].map((i) => forum.topics.createOrThrow({ title: `t${i}` })),
    );
    for (const topic of topics) {
      for (const i of [1, 2]) await topic.posts.createOrThrow({ body: `${topic.title}.p${i}` });
    }
    const kept = await keep.topics.createOrThrow({ title: 'kept' });
    await kept.posts.createOrThrow({ body: 'kept post' });
    log.clear();

    expect(await forum.destroy()).toBe(true);

    expect(forum.isDestroyed()).toBe(true);
    expect(await Forum.findByKey(forum.id)).toBeNull();
    expect(await forum.topics.count()).toBe(0);
    for (const topic of topics) expect(await topic.posts.count()).toBe(0);
    expect(await keep.topics.count()).toBe(1);
    expect(await kept.posts.count()).toBe(1);
    // One query for the topics, one per topic for its posts; each child destroyed in a
    // transaction that checks its ancestors' locks, then the forum alone.
    expect(log.count('TransactWriteItems')).toBe(3 + 6);
    expect(log.count('DeleteItem')).toBe(1);
    expect(log.count('Scan')).toBe(0);
  });

  it('destroys each child, as destroy does, under its lock condition', async () => {
    const forum = await Forum.createOrThrow({ name: 'Locked' });
    const topic = await forum.topics.createOrThrow({ title: 't' });
    await topic.posts.createOrThrow({ body: 'p' });
    log.clear();
    await forum.destroy();
    const transactions = log.inputs.filter(
      (_, i) => log.operations[i] === 'TransactWriteItems',
    ) as {
      TransactItems: { Delete?: { ConditionExpression?: string }; ConditionCheck?: object }[];
    }[];
    // The topic checks the forum's lock; the post checks the topic's and the forum's.
    expect(transactions.map((t) => t.TransactItems.length)).toEqual([3, 2]);
    for (const { TransactItems } of transactions) {
      expect(TransactItems[0]!.Delete!.ConditionExpression).toBeDefined();
      expect(TransactItems.slice(1).every((item) => item.ConditionCheck)).toBe(true);
    }
    expect(log.inputs.at(-1)).toMatchObject({ ConditionExpression: expect.any(String) });
  });

  it('halts the parent destroy when a child refuses to be destroyed', async () => {
    const vault = await Vault.createOrThrow({});
    await vault.boxes.createOrThrow({ locked: true });
    expect(await vault.destroy()).toBe(false);
    expect(vault.isDestroyed()).toBe(false);
    expect(await Vault.findByKey(vault.id)).not.toBeNull();
    expect(await vault.boxes.count()).toBe(1);
  });
});

describe("dependent: 'delete' (the default)", () => {
  it('removes the children in one transaction checking the parent lock, and runs none of their callbacks', async () => {
    const shelf = await Shelf.createOrThrow({ label: 's' });
    for (const title of ['a', 'b', 'c']) await shelf.books.createOrThrow({ title });
    destroyed.length = 0;
    log.clear();
    expect(await shelf.destroy()).toBe(true);
    expect(log.operations).toEqual(['Query', 'TransactWriteItems', 'DeleteItem']);
    const { TransactItems } = log.inputs[1] as { TransactItems: object[] };
    expect(TransactItems.map((item) => Object.keys(item)[0])).toEqual([
      'Delete',
      'Delete',
      'Delete',
      'ConditionCheck',
    ]);
    expect(destroyed).toEqual([]);
    expect(await shelf.books.count()).toBe(0);
  });

  it('a destroyed new parent sends nothing', async () => {
    const shelf = new Shelf({ label: 'never saved' });
    log.clear();
    expect(await shelf.destroy()).toBe(true);
    expect(log.operations).toEqual([]);
  });
});

describe("dependent: 'nullify'", () => {
  it('re-keys the children under the literal hash key "NULL" (each move one put and one delete, in one transaction)', async () => {
    const team = await Team.createOrThrow({});
    const members = await Promise.all(
      ['ann', 'bob'].map((name) => team.members.createOrThrow({ name })),
    );
    log.clear();
    expect(await team.destroy()).toBe(true);
    expect(log.operations).toEqual(['Query', 'TransactWriteItems', 'DeleteItem']);
    const { TransactItems } = log.inputs[1] as { TransactItems: object[] };
    expect(TransactItems.map((item) => Object.keys(item)[0])).toEqual([
      'Put',
      'Delete',
      'Put',
      'Delete',
      'ConditionCheck',
    ]);
    expect(await team.members.count()).toBe(0);
    for (const member of members) {
      const orphan = await Member.find('NULL', member.guid);
      expect(orphan.teamId).toBe('NULL');
      expect(orphan.name).toBe(member.name);
      // A move is a new version of the record: a copy read before it is stale.
      expect(orphan.lockVersion).toBe(member.lockVersion + 1);
    }
  });
});

it('a hasMany whose child does not belong to the parent model fails clearly on use', async () => {
  const orphanage = new Orphanage();
  expect(() => (orphanage as unknown as { kids: HasMany<Forum> }).kids.build()).toThrow(
    HasManyError,
  );
  expect(() => (orphanage as unknown as { kids: HasMany<Forum> }).kids.build()).toThrow(
    /needs Forum to declare belongsTo/,
  );
});

it('rejects an unknown dependent option and a duplicate name when declared', () => {
  expect(() => {
    class Bad extends Table.schema({ attributes: {} }) {
      static {
        this.hasMany('things', () => Forum, { dependent: 'explode' as never });
      }
    }
    void Bad;
  }).toThrow(/dependent must be 'delete', 'destroy' or 'nullify'/);
  expect(() => {
    class Dup extends Table.schema({ attributes: { things: attr.string() } }) {
      static {
        this.hasMany('things', () => Forum);
      }
    }
    void Dup;
  }).toThrow(HasManyError);
});

it('sent no Scan in this whole file', () => {
  expect(log.count()).toBeGreaterThan(0);
  expect(log.count('Scan')).toBe(0);
});
