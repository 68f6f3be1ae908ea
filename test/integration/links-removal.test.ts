/**
 * Removing records wholesale removes their hasAndBelongsToMany links with them: a relation's
 * deleteAll() and destroyAll(), and Model.deleteAll(), leave no link to a removed record and
 * every link of the records that stay.
 */
import { PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { attr, Table, type HasAndBelongsToMany } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { client, prefix } = useDynamo();

class Course extends Table.schema({
  hashKey: 'term',
  rangeKey: 'code',
  readCapacityUnits: 20,
  writeCapacityUnits: 20,
  attributes: { level: attr.integer() },
}) {
  static {
    this.hasAndBelongsToMany('students', () => Student);
  }
  declare readonly students: HasAndBelongsToMany<Student>;
}

class Student extends Table.schema({
  readCapacityUnits: 20,
  writeCapacityUnits: 20,
  attributes: { name: attr.string() },
}) {
  static {
    this.hasAndBelongsToMany('courses', () => Course);
  }
  declare readonly courses: HasAndBelongsToMany<Course>;
}

beforeAll(async () => {
  await Promise.all([Course.createTable(), Student.createTable()]);
});

/** Every link item whose source is `source`. */
async function linksFrom(source: string): Promise<string[]> {
  const out = await client.send(
    new QueryCommand({
      TableName: `${prefix}courses_students_links`,
      KeyConditionExpression: '#s = :s',
      ExpressionAttributeNames: { '#s': 'source' },
      ExpressionAttributeValues: { ':s': { S: source } },
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []).map((item) => item['target']!.S!).sort();
}

/** Term `term` with courses c0…c(n-1) (level = i), each linked to both students. */
async function termOf(term: string, n: number) {
  const ann = await Student.createOrThrow({ name: `ann-${term}` });
  const bob = await Student.createOrThrow({ name: `bob-${term}` });
  const courses: Course[] = [];
  for (let i = 0; i < n; i++) {
    const course = await Course.createOrThrow({ term, code: `c${i}`, level: i });
    await course.students.push(ann, bob);
    courses.push(course);
  }
  return { ann, bob, courses };
}

describe('removing records removes their habtm links', () => {
  it("a failure between a page's link removal and its deletes leaves the items without links; deleteAll again finishes", async () => {
    const { ann, bob } = await termOf('t5', 2);
    // The first delete of course items fails after their links are gone.
    let failed = false;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const tables = Object.keys(
          (args.input as { RequestItems?: Record<string, unknown> }).RequestItems ?? {},
        );
        if (
          !failed &&
          context.commandName === 'BatchWriteItemCommand' &&
          tables.includes(`${prefix}courses`)
        ) {
          failed = true;
          throw Object.assign(new Error('injected failure between requests'), {
            name: 'InjectedFailure',
            $fault: 'client',
            $metadata: { httpStatusCode: 400 },
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'failCourseDeletes' },
    );
    try {
      await expect(Course.where({ term: 't5' }).deleteAll()).rejects.toThrow(/injected failure/);
    } finally {
      client.middlewareStack.remove('failCourseDeletes');
    }
    expect(failed).toBe(true);
    // Left: the courses, without their links, in either direction.
    expect(await Course.where({ term: 't5' }).count()).toBe(2);
    expect(await linksFrom('courses#t5:c0')).toEqual([]);
    expect(await linksFrom('courses#t5:c1')).toEqual([]);
    expect(await linksFrom(`students#${ann.id}`)).toEqual([]);
    // Calling it again finishes: the courses go, the students stay.
    expect(await Course.where({ term: 't5' }).deleteAll()).toBe(2);
    expect(await Course.where({ term: 't5' }).count()).toBe(0);
    expect(await bob.courses.count()).toBe(0);
    expect((await Student.find(bob.id)).name).toBe('bob-t5');
  });

  it("a relation's deleteAll removes the links of the items it deletes, and only those", async () => {
    const { ann, bob } = await termOf('t1', 4);
    expect(await Course.where({ term: 't1' }).where('level', '>=', 2).deleteAll()).toBe(2);
    expect(await linksFrom(`students#${ann.id}`)).toEqual(['t1:c0', 't1:c1']);
    expect(await linksFrom(`students#${bob.id}`)).toEqual(['t1:c0', 't1:c1']);
    expect(await linksFrom('courses#t1:c2')).toEqual([]);
    expect(await linksFrom('courses#t1:c3')).toEqual([]);
    expect(await linksFrom('courses#t1:c0')).toEqual([ann.id, bob.id].sort());
    expect((await ann.courses.load()).map((c) => c.code).sort()).toEqual(['c0', 'c1']);
  });

  it("a relation's destroyAll removes the links of the records it destroys", async () => {
    const { ann } = await termOf('t2', 3);
    expect(await Course.where({ term: 't2', code: 'c1' }).destroyAll()).toBe(1);
    expect(await linksFrom(`students#${ann.id}`)).toEqual(['t2:c0', 't2:c2']);
    expect(await linksFrom('courses#t2:c1')).toEqual([]);
  });

  it('a collection relation (the other side) deletes its items with their links', async () => {
    const { ann, bob } = await termOf('t3', 2);
    const carl = await Student.createOrThrow({ name: 'carl-t3' });
    const [c0] = await Course.where({ term: 't3', code: 'c0' });
    await c0!.students.push(carl);
    // Students have no partition to query; a scan relation removes one of them.
    expect(await Student.scan().where('name', 'begins_with', 'ann-t3').deleteAll()).toBe(1);
    expect(await linksFrom('courses#t3:c0')).toEqual([bob.id, carl.id].sort());
    expect(await linksFrom('courses#t3:c1')).toEqual([bob.id]);
    expect(await linksFrom(`students#${ann.id}`)).toEqual([]);
  });

  it('Model.deleteAll removes the links of what it deletes, and leaves a link written meanwhile', async () => {
    const { ann } = await termOf('t4', 2);
    // A link written while the students are being deleted, to a student the scan never read.
    let injected = false;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const output = await next(args);
        const table = (args.input as { TableName?: string }).TableName;
        if (!injected && context.commandName === 'ScanCommand' && table === `${prefix}students`) {
          injected = true;
          await client.send(
            new PutItemCommand({
              TableName: `${prefix}courses_students_links`,
              Item: { source: { S: 'courses#t4:c1' }, target: { S: 'late' } },
            }),
          );
        }
        return output;
      },
      { step: 'initialize', name: 'lateLink' },
    );
    try {
      expect(await Student.deleteAll()).toBeGreaterThanOrEqual(2);
    } finally {
      client.middlewareStack.remove('lateLink');
    }
    expect(injected).toBe(true);
    expect(await linksFrom('courses#t4:c0')).toEqual([]);
    expect(await linksFrom('courses#t4:c1')).toEqual(['late']);
    expect(await linksFrom(`students#${ann.id}`)).toEqual([]);
    expect(await Course.where({ term: 't4' }).count()).toBe(2);
    // Course.deleteAll then empties the courses: no link of any course stays.
    const dan = await Student.createOrThrow({ name: 'dan' });
    const [course] = await Course.where({ term: 't4', code: 'c0' });
    await course!.students.push(dan);
    expect(await Course.deleteAll()).toBeGreaterThanOrEqual(2);
    expect(await linksFrom(`students#${dan.id}`)).toEqual([]);
    expect(await dan.courses.count()).toBe(0);
  });
});
