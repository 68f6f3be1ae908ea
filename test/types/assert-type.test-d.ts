// The assertion itself: each `@ts-expect-error` line must fail to compile, or tsc reports the
// directive as unused. A one-way check would let every one of them through.
import { assertType, type Equal } from './support/assert-type.js';

// What an untyped value (JSON.parse, a cast gone wrong) gives.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Untyped = any;

export function checks(): void {
  assertType<Equal<string, string>>();
  assertType<Equal<{ a: number }, { a: number }>>();
  assertType<Equal<'a' | 'b', 'b' | 'a'>>();
  assertType<Equal<Untyped, Untyped>>();

  // @ts-expect-error: `any` is not string (`const x: string = anyValue` compiles)
  assertType<Equal<Untyped, string>>();
  // @ts-expect-error: string is not `any`
  assertType<Equal<string, Untyped>>();
  // @ts-expect-error: `unknown` is not string
  assertType<Equal<unknown, string>>();
  // @ts-expect-error: a narrower type is not the type
  assertType<Equal<'open', string>>();
  // @ts-expect-error: a wider union is not the type
  assertType<Equal<string | null, string>>();
  // @ts-expect-error: an optional property is not a required one
  assertType<Equal<{ a?: number }, { a: number }>>();
  // @ts-expect-error: a readonly property is not a writable one
  assertType<Equal<{ readonly a: number }, { a: number }>>();
  // @ts-expect-error: never is not a type that holds values
  assertType<Equal<never, string>>();
}
