/** Table names are worked out once per schema and configuration: a change of either is seen at the next request. */
import { describe, expect, it } from 'vitest';
import { attr, configure, Table } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';

const { client, prefix, log } = useDynamo();

class Note extends Table.schema({
  attributes: { body: attr.string() },
  billingMode: 'PAY_PER_REQUEST',
}) {}
class Memo extends Note {}

function tablesWritten(): unknown[] {
  return log.inputs.filter((_, i) => log.operations[i] === 'PutItem').map((i) => i.TableName);
}

describe('table names', () => {
  it('follow a new configure() prefix at the next write, after writes under the old one', async () => {
    await Note.createTable();
    await Note.create({ body: 'first' });
    const other = `${prefix}other_`;
    configure({ client, tableNamePrefix: other });
    await Note.createTable();
    await Note.create({ body: 'second' });
    configure({ client, tableNamePrefix: prefix });
    await Note.create({ body: 'third' });
    expect(tablesWritten()).toEqual([`${prefix}notes`, `${other}notes`, `${prefix}notes`]);
    expect(await Note.count()).toBe(2);
  });

  it('are a subclass’s own, even after its parent named its table', async () => {
    await Note.create({ body: 'parent first' });
    await Memo.createTable();
    log.clear();
    await Memo.create({ body: 'child' });
    await Note.create({ body: 'parent again' });
    expect(tablesWritten()).toEqual([`${prefix}memos`, `${prefix}notes`]);
  });
});
