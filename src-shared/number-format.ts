/**
 * en-US number formatting without Intl. The first `Intl.NumberFormat` a page or a
 * Node process builds loads ICU's locale data: 46–94 ms in Debian's Chromium and
 * ~29 ms in Node 20 (measured here), paid on the first slide's first chart axis or
 * stat, and on the PDF export's critical path. The output is the same as
 * `Intl.NumberFormat('en-US', { minimumFractionDigits, maximumFractionDigits })`
 * for every finite number below 1e21 (tests/unit/number-format.test.ts checks it
 * against Intl with random values); anything else goes to Intl itself.
 */

/** Group an unsigned integer's digits in threes with commas: 1234567 → 1,234,567. */
function group(digits: string): string {
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) {
    const start = Math.max(0, end - 3);
    out = out ? `${digits.slice(start, end)},${out}` : digits.slice(start, end);
  }
  return out;
}

/** Adds one to a string of decimal digits: "0999" → "1000", "99" → "100". */
function increment(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  if (i < 0) return `1${'0'.repeat(digits.length)}`;
  return `${digits.slice(0, i)}${String(Number(digits[i]) + 1)}${'0'.repeat(digits.length - i - 1)}`;
}

/**
 * `value` with at most `maxDigits` decimals and at least `minDigits`, integer digits
 * grouped with commas: 1234.5 → "1,234.5". Like Intl, it rounds the number's shortest
 * decimal form (1.005 → "1.01", where toFixed gives "1.00"), half away from zero, and
 * a value that rounds to zero keeps its sign ("-0").
 */
export function formatNumber(value: number, maxDigits: number, minDigits = 0): string {
  const max = Math.max(minDigits, maxDigits);
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21 || max > 100 || minDigits < 0) {
    return value.toLocaleString('en-US', { minimumFractionDigits: minDigits, maximumFractionDigits: max });
  }
  // toExponential() gives the shortest digits that read back as this double: "1.005e+0".
  const [mantissa, exponent] = Math.abs(value).toExponential().split('e');
  let digits = mantissa.replace('.', '');
  let point = Number(exponent) + 1; // digits before the decimal point
  if (point <= 0) {
    digits = `${'0'.repeat(1 - point)}${digits}`;
    point = 1;
  } else if (point > digits.length) digits += '0'.repeat(point - digits.length);
  if (digits.length - point > max) {
    const up = digits[point + max] >= '5';
    digits = digits.slice(0, point + max);
    if (up) {
      const next = increment(digits);
      if (next.length > digits.length) point++;
      digits = next;
    }
  }
  const whole = digits.slice(0, point);
  let fraction = digits.slice(point).padEnd(minDigits, '0');
  let keep = fraction.length;
  while (keep > minDigits && fraction[keep - 1] === '0') keep--;
  fraction = fraction.slice(0, keep);
  const negative = value < 0 || Object.is(value, -0);
  return `${negative ? '-' : ''}${group(whole)}${fraction ? `.${fraction}` : ''}`;
}
