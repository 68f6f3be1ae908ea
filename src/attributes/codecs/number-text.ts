/**
 * Numbers as DynamoDB writes them back: plain decimal text, no exponent, no leading `+`, no
 * leading or trailing zeros (`1e21` → `"1000000000000000000000"`, `1e-7` → `"0.0000001"`,
 * `"1.50"` → `"1.5"`). Writing this form means the text sent is the text read back, so a
 * value used in a key (a unique-value guard, a cursor, a key lookup) names one thing only.
 */

/** The canonical text of a decimal number text, computed exactly (no rounding through a double). @internal */
export function canonicalNumberText(text: string): string {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return text;
  const negative = match[1] === '-';
  const whole = match[2]!;
  let digits = whole + (match[3] ?? '');
  // Where the decimal point falls in `digits`.
  let point = whole.length + Number(match[4] ?? 0);
  let lead = 0;
  while (lead < digits.length && digits[lead] === '0') lead++;
  digits = digits.slice(lead);
  point -= lead;
  let end = digits.length;
  while (end > 0 && digits[end - 1] === '0') end--;
  digits = digits.slice(0, end);
  if (digits === '') return '0';
  let result: string;
  if (point <= 0) result = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) result = digits + '0'.repeat(point - digits.length);
  else result = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${result}` : result;
}

/** The canonical text of a finite number. @internal */
export function numberText(n: number): string {
  const text = String(n);
  // Only magnitudes from 1e21 or below 1e-6 print with an exponent: the rest is already plain.
  return text.includes('e') ? canonicalNumberText(text) : text;
}
