import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** The same members, in any order. @internal */
export function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const members = new Set(a);
  return b.every((member) => members.has(member));
}

/** Deep equality of two DynamoDB values; sets compare without regard to order. @internal */
export function sameAttributeValue(
  a: AttributeValue | undefined,
  b: AttributeValue | undefined,
): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (a.S !== undefined) return a.S === b.S;
  if (a.N !== undefined) return b.N !== undefined && (a.N === b.N || Number(a.N) === Number(b.N));
  if (a.BOOL !== undefined) return a.BOOL === b.BOOL;
  if (a.NULL !== undefined) return b.NULL !== undefined;
  if (a.SS !== undefined) return b.SS !== undefined && sameMembers(a.SS, b.SS);
  if (a.NS !== undefined) {
    return (
      b.NS !== undefined &&
      sameMembers(
        a.NS.map((n) => String(Number(n))),
        b.NS.map((n) => String(Number(n))),
      )
    );
  }
  if (a.L !== undefined) {
    return (
      b.L !== undefined &&
      a.L.length === b.L.length &&
      a.L.every((item, i) => sameAttributeValue(item, b.L?.[i]))
    );
  }
  if (a.M !== undefined) {
    if (b.M === undefined) return false;
    const keys = Object.keys(a.M);
    if (keys.length !== Object.keys(b.M).length) return false;
    return keys.every(
      (key) => Object.hasOwn(b.M as object, key) && sameAttributeValue(a.M?.[key], b.M?.[key]),
    );
  }
  return JSON.stringify(a) === JSON.stringify(b);
}
