/** What is refused, and what is not sent, once a record is destroyed or its item is gone. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ReadOnlyRecord, RecordNotFound } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';
import { Stamped } from '../support/edge-models.js';

const { log } = useDynamo();

beforeAll(async () => {
  await Stamped.createTable();
});

describe('destroyed records', () => {
  it('save, touch, increment and destroy of a destroyed record throw ReadOnlyRecord', async () => {
    const stamped = await Stamped.create({ name: 'gone' });
    await stamped.destroy();
    log.clear();
    for (const action of [
      () => stamped.save(),
      () => stamped.touch(),
      () => stamped.increment('ratio'),
      () => stamped.destroy(),
    ]) {
      await expect(action()).rejects.toBeInstanceOf(ReadOnlyRecord);
    }
    expect(() => stamped.writeAttribute('name', 'x')).toThrow(ReadOnlyRecord);
    expect(log.operations).toEqual([]);
  });

  it('delete of an already deleted instance sends nothing; reload of a vanished item throws RecordNotFound', async () => {
    const stamped = await Stamped.create({ name: 'twice' });
    await stamped.delete();
    log.clear();
    await stamped.delete();
    expect(log.operations).toEqual([]);
    const other = await Stamped.create({ name: 'vanishing' });
    await Stamped.delete(other.id);
    await expect(other.reload()).rejects.toBeInstanceOf(RecordNotFound);
    expect(other.name).toBe('vanishing');
  });
});
