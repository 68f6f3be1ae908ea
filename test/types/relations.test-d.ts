// Type tests for relations: checked by `tsc`. Each `@ts-expect-error` line must fail to
// compile. Nothing here runs.
import {
  attr,
  Table,
  type Conditions,
  type Page,
  type Relation,
  type Selected,
} from '../../src/index.js';
import { assertType, type Equal } from './support/assert-type.js';

class Topic extends Table.schema({
  hashKey: 'forumId',
  rangeKey: 'guid',
  attributes: {
    status: attr.string(),
    views: attr.integer(),
    postedAt: attr.datetime(),
    pinned: attr.boolean(),
    tags: attr.stringSet(),
    meta: attr.json<{ a: number }>(),
  },
}) {
  headline(): string {
    return this.status.toUpperCase();
  }
  static open() {
    return this.where({ status: 'open' });
  }
}

export async function checks(): Promise<void> {
  // Entry points and readers keep the model's type.
  const rel = Topic.where({ forumId: 'f', status: 'open' });
  assertType<Equal<typeof rel, Relation<Topic>>>();
  const records = await rel;
  assertType<Equal<typeof records, Topic[]>>();
  const first = await rel.where('views', '>', 3).first();
  assertType<Equal<typeof first, Topic | null>>();
  const page = await rel.page({ limit: 2 });
  assertType<Equal<typeof page, Page<Topic>>>();
  const counted = await Topic.scan({ segments: 2 }).count();
  assertType<Equal<typeof counted, number>>();
  const found = await Topic.findBy({ forumId: 'f' });
  assertType<Equal<typeof found, Topic | null>>();
  const scoped = Topic.open().merge(Topic.where({ forumId: 'f' }));
  assertType<Equal<typeof scoped, Relation<Topic>>>();
  for await (const topic of rel.reverse().limit(3)) assertType<Equal<typeof topic, Topic>>();

  // Values are typed by the attribute (and may be cast as on assignment).
  assertType<Equal<Conditions<Topic>['views'], number | string | null | undefined>>();
  Topic.where({ postedAt: new Date(), views: '5', pinned: 'true', tags: ['a'] });
  Topic.where('postedAt', 'between', [new Date(), Date.now()]);
  Topic.where('status', 'begins_with', 'op');
  Topic.where('tags', 'contains', 'ts');
  Topic.where('tags', 'size>', 2);
  Topic.where('status', 'in', ['open', 'closed']);
  Topic.where('meta', 'exists');
  rel.whereNot({ status: 'closed' }).or({ views: 1 }, { pinned: true });

  // @ts-expect-error: a misspelt attribute name
  Topic.where({ stauts: 'open' });
  // @ts-expect-error: a misspelt attribute name in the comparator form
  Topic.where('veiws', '>', 3);
  // @ts-expect-error: a value of the wrong type
  Topic.where({ views: true });
  // @ts-expect-error: begins_with takes string attributes only
  Topic.where('views', 'begins_with', '1');
  // @ts-expect-error: sets are not ordered
  Topic.where('tags', '<', 'a');
  // @ts-expect-error: not a comparator
  Topic.where('views', 'like', 3);
  // @ts-expect-error: size takes a number
  Topic.where('tags', 'size>', 'two');
  // @ts-expect-error: between takes a pair
  Topic.where('views', 'between', 3);
  // @ts-expect-error: select takes attribute names
  rel.select('nope');

  // select narrows the records to the selected attributes plus the keys.
  const selected = await rel.select('views');
  assertType<Equal<typeof selected, Selected<Topic, 'views'>[]>>();
  const one = selected[0]!;
  assertType<Equal<typeof one.views, number | null>>();
  assertType<Equal<typeof one.forumId | typeof one.guid, string>>();
  assertType<
    Equal<
      Extract<
        keyof typeof one,
        keyof Topic & ('status' | 'views' | 'forumId' | 'guid' | 'postedAt')
      >,
      'views' | 'forumId' | 'guid'
    >
  >();
  await one.save();
  one.headline();
  // @ts-expect-error: status was not selected
  void one.status;

  // pluck is typed by the attribute.
  const views = await rel.pluck('views');
  assertType<Equal<typeof views, (number | null)[]>>();
  const dates = await rel.pluck('postedAt');
  assertType<Equal<typeof dates, (Date | null)[]>>();
  // @ts-expect-error: pluck takes attribute names
  await rel.pluck('nope');
}
