/**
 * Colour contrast as WCAG 2.x defines it: relative luminance of sRGB colours and
 * the ratio (L1 + 0.05) / (L2 + 0.05), from 1:1 to 21:1. Pure: no DOM, no Node.
 */

/** WCAG AA: normal text needs 4.5:1. */
export const AA_TEXT = 4.5;
/** WCAG AA: large text (24 px, or 18.5 px bold) and graphical objects (1.4.11) need 3:1. */
export const AA_LARGE = 3;

/** `#rrggbb` (or `#rgb`) → [r, g, b] in 0–255; null for anything else. */
export function parseHex(colour: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** One sRGB channel (0–255) in linear light. */
function linear(channel: number): number {
  const c = channel / 255;
  // WCAG 2.x prints 0.03928; the sRGB standard's 0.04045 gives the same result for every 8-bit value.
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a `#rrggbb` colour, 0 (black) to 1 (white). */
export function relativeLuminance(colour: string): number {
  const rgb = parseHex(colour);
  if (!rgb) throw new Error(`not a colour: ${colour}`);
  const [r, g, b] = rgb.map(linear);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours, 1 to 21, in either order. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * The ratio as a person reads it: "4.48:1". Rounded down to two decimals, so a
 * ratio shown as 4.50:1 really passes 4.5:1 (4.499 must not print as 4.50).
 */
export function formatRatio(ratio: number): string {
  return `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;
}
