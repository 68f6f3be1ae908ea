// Type tests for gem storage and insertAll: checked by `tsc` (npm run typecheck). Each
// `@ts-expect-error` line must fail to compile.
import { attr, Table, type InsertReport } from '../../src/index.js';
import { assertType, type Equal } from './support/assert-type.js';

class GemThing extends Table.schema({
  storage: 'gem',
  attributes: {
    at: attr.datetime({ storedAs: 'epochMillis' }),
    ok: attr.boolean({ storedAs: 'string' }),
    // @ts-expect-error a boolean is stored as 'string' or 'bool'
    bad: attr.boolean({ storedAs: 'epochSeconds' }),
  },
}) {}

class Native extends Table.schema({ attributes: { name: attr.string() } }) {}

export async function typed(): Promise<void> {
  const gem = new GemThing();
  // The gem's names are typed under storage: 'gem'.
  assertType<Equal<typeof gem.lock_version, number>>();
  assertType<Equal<typeof gem.created_at, Date | null>>();
  assertType<Equal<typeof gem.at, Date | null>>();
  assertType<Equal<typeof gem.ok, boolean | null>>();
  // @ts-expect-error no camelCase lock under storage: 'gem'
  void gem.lockVersion;
  const native = new Native();
  assertType<Equal<typeof native.lockVersion, number>>();
  // @ts-expect-error no snake_case timestamps by default
  void native.created_at;

  const report = await Native.insertAll([{ name: 'a' }], { overwrite: true });
  assertType<Equal<typeof report, InsertReport>>();
  await Native.insertAll(
    (async function* () {
      yield { name: 'b' };
    })(),
  );
  // @ts-expect-error a misspelt attribute does not compile
  await Native.insertAll([{ nmae: 'a' }]);
  // @ts-expect-error options are checked
  await Native.insertAll([], { overwrite: 'yes' });
}
