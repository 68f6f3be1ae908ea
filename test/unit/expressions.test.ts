/** Expression building: placeholders and empty parts. Offline: each asserts what a wrong implementation would get wrong. */
import { describe, expect, it } from 'vitest';
import { ExpressionBuilder } from '../../src/dynamo/expressions.js';

describe('expressions', () => {
  it('reuses a name placeholder and leaves out empty maps', () => {
    const builder = new ExpressionBuilder();
    expect(builder.maps()).toEqual({});
    expect(builder.name('a.b')).toBe('#n0');
    expect(builder.name('a.b')).toBe('#n0');
    expect(builder.value({ S: ':v0' })).toBe(':v0');
    expect(builder.maps()).toEqual({
      ExpressionAttributeNames: { '#n0': 'a.b' },
      ExpressionAttributeValues: { ':v0': { S: ':v0' } },
    });
  });
});
