/** A before-create or before-update callback returning false halts the save; subclasses inherit declarations. */
import { beforeAll, describe, expect, it } from 'vitest';
import { Table, attr } from '../../src/index.js';
import { useDynamo } from '../support/dynamo.js';
import { Stamped } from '../support/edge-models.js';

const { log } = useDynamo();

class Halting extends Table.schema({ tableName: 'stampeds', attributes: { name: attr.string() } }) {
  static {
    this.beforeCreate((record) => record.name !== 'halt');
    this.validates('name', { length: { maximum: 10 } });
  }
}

class HaltingChild extends Halting {
  static {
    this.beforeUpdate((record) => record.name !== 'halt');
    this.validates('name', { presence: true });
  }
}

beforeAll(async () => {
  // Halting shares Stamped's table.
  await Stamped.createTable();
});

describe('halting callbacks', () => {
  it('a before-create or before-update callback returning false halts the save, leaving the record as it was', async () => {
    log.clear();
    const halted = new Halting({ name: 'halt' });
    expect(await halted.save()).toBe(false);
    expect(halted.isNewRecord()).toBe(true);
    expect(halted.id).toBe('');
    const child = await HaltingChild.create({ name: 'ok' });
    child.name = 'halt';
    expect(await child.save()).toBe(false);
    expect(child.lockVersion).toBe(0);
    expect(log.operations).toEqual(['PutItem']);
    // The child kept its parent's declarations and added its own.
    const blank = new HaltingChild({ name: '' });
    expect(await blank.isValid()).toBe(false);
    expect(blank.errors.get('name')).toEqual(["can't be blank"]);
    expect(await new HaltingChild({ name: 'x'.repeat(11) }).isValid()).toBe(false);
    expect(await new Halting({ name: '' }).isValid()).toBe(true);
  });
});
