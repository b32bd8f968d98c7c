/**
 * Just enough of a TrueType reader to know which characters a bundled font has
 * (its `cmap`) and how tall pdfkit will make a line of it (`hhea`, `head`).
 * pdfmake cannot fall back from one font to another per glyph, so we pick the
 * font for each run of text ourselves, and we estimate text heights to fit a
 * slide into its frame.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface FontMetrics {
  /** Line height as a multiple of the font size, as pdfkit computes it (ascender − descender, no gap). */
  lineHeight: number;
  /** True when the font maps the code point to a real glyph. */
  has(codePoint: number): boolean;
}

/** Reads a TrueType file's metrics and character coverage. Throws for a file that is not TrueType. */
export function readFontMetrics(file: string): FontMetrics {
  return parseFontMetrics(readFontTables(file, ['head', 'hhea', 'cmap']));
}

/**
 * A font file with only its table directory and the named tables read, each at its place
 * (the rest of the buffer is left unfilled): the CJK font is 4 MB, its cmap a small part.
 */
export function readFontTables(file: string, tags: readonly string[]): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const data = Buffer.allocUnsafe(size);
    const readAt = (position: number, length: number) => {
      if (position + length > size) throw new Error(`${file}: truncated font`);
      let done = 0;
      while (done < length) {
        const n = readSync(fd, data, position + done, length - done, position + done);
        if (n === 0) throw new Error(`${file}: truncated font`);
        done += n;
      }
    };
    readAt(0, 12);
    readAt(12, data.readUInt16BE(4) * 16);
    for (const tag of tags) {
      const record = tableRecord(data, tag);
      readAt(readTableDirectory(data).get(tag)!, record.length);
    }
    return data;
  } finally {
    closeSync(fd);
  }
}

/** Parses metrics and coverage from TrueType bytes. */
export function parseFontMetrics(data: Buffer): FontMetrics {
  const tables = readTableDirectory(data);
  const head = tables.get('head');
  const hhea = tables.get('hhea');
  const cmap = tables.get('cmap');
  if (head === undefined || hhea === undefined || cmap === undefined) throw new Error('not a TrueType font (head, hhea or cmap missing)');
  const unitsPerEm = data.readUInt16BE(head + 18);
  const ascender = data.readInt16BE(hhea + 4);
  const descender = data.readInt16BE(hhea + 6);
  const ranges = readCoverage(data, cmap);
  return {
    lineHeight: (ascender - descender) / unitsPerEm,
    has: (codePoint) => inRanges(ranges, codePoint),
  };
}

function readTableDirectory(data: Buffer): Map<string, number> {
  const count = data.readUInt16BE(4);
  const tables = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    tables.set(data.toString('latin1', at, at + 4), data.readUInt32BE(at + 8));
  }
  return tables;
}

/** Covered code points as sorted, merged [first, last] pairs (flattened). */
function readCoverage(data: Buffer, cmap: number): Uint32Array {
  const best = bestSubtable(data, cmap);
  const pairs = best.format === 12 ? readFormat12(data, best.offset) : readFormat4(data, best.offset);
  return mergeRanges(pairs);
}

/** The Unicode character map we read: format 12 (all planes) when the font has one, else format 4. */
function bestSubtable(data: Buffer, cmap: number): { offset: number; format: number } {
  const count = data.readUInt16BE(cmap + 2);
  let best: { offset: number; format: number } | undefined;
  for (let i = 0; i < count; i++) {
    const at = cmap + 4 + i * 8;
    const platform = data.readUInt16BE(at);
    const encoding = data.readUInt16BE(at + 2);
    const offset = cmap + data.readUInt32BE(at + 4);
    const format = data.readUInt16BE(offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode || (format !== 4 && format !== 12)) continue;
    if (!best || (format === 12 && best.format !== 12)) best = { offset, format };
  }
  if (!best) throw new Error('font has no Unicode character map');
  return best;
}

/** A font's advance widths by character, as pdfkit lays out a font without shaping tables. */
export interface FontWidths {
  unitsPerEm: number;
  /** The advance of the glyph the font maps `codePoint` to, in font units; undefined when it maps it to none. */
  advance(codePoint: number): number | undefined;
  /** The advance of the font's .notdef glyph (what a character it lacks is drawn with). */
  notdefAdvance: number;
}

/**
 * Reads a TrueType font's advance widths (`cmap` to glyph, `hmtx` to width), each character
 * looked up when first asked. These are the widths pdfkit gives a word in a font without
 * kerning or shaping tables (GPOS, GSUB, kern): the sum of its glyphs' advances.
 */
export function parseFontWidths(data: Buffer): FontWidths {
  const tables = readTableDirectory(data);
  const head = tables.get('head');
  const hhea = tables.get('hhea');
  const hmtx = tables.get('hmtx');
  const cmap = tables.get('cmap');
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined) throw new Error('not a TrueType font (head, hhea, hmtx or cmap missing)');
  const metrics = data.readUInt16BE(hhea + 34);
  // Glyphs past the last long metric share its advance (the TrueType hmtx rule).
  const advanceOf = (glyph: number) => data.readUInt16BE(hmtx + 4 * Math.min(glyph, metrics - 1));
  const best = bestSubtable(data, cmap);
  const glyphOf = best.format === 12 ? format12Lookup(data, best.offset) : format4Lookup(data, best.offset);
  const known = new Map<number, number | undefined>();
  return {
    unitsPerEm: data.readUInt16BE(head + 18),
    notdefAdvance: advanceOf(0),
    advance(codePoint) {
      if (known.has(codePoint)) return known.get(codePoint);
      const glyph = glyphOf(codePoint);
      const width = glyph === 0 ? undefined : advanceOf(glyph);
      known.set(codePoint, width);
      return width;
    },
  };
}

function format12Lookup(data: Buffer, at: number): (codePoint: number) => number {
  const groups = data.readUInt32BE(at + 12);
  return (codePoint) => {
    let lo = 0;
    let hi = groups - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const g = at + 16 + mid * 12;
      if (codePoint < data.readUInt32BE(g)) hi = mid - 1;
      else if (codePoint > data.readUInt32BE(g + 4)) lo = mid + 1;
      else return data.readUInt32BE(g + 8) + codePoint - data.readUInt32BE(g);
    }
    return 0;
  };
}

function format4Lookup(data: Buffer, at: number): (codePoint: number) => number {
  const segCount = data.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segCount * 2 + 2;
  const deltas = starts + segCount * 2;
  const rangeOffsets = deltas + segCount * 2;
  return (codePoint) => {
    if (codePoint > 0xffff) return 0;
    // The first segment whose end is at or past the character.
    let lo = 0;
    let hi = segCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (data.readUInt16BE(ends + mid * 2) < codePoint) lo = mid + 1;
      else hi = mid;
    }
    const s = lo;
    const start = data.readUInt16BE(starts + s * 2);
    if (codePoint < start || codePoint > data.readUInt16BE(ends + s * 2)) return 0;
    const delta = data.readInt16BE(deltas + s * 2);
    const rangeOffset = data.readUInt16BE(rangeOffsets + s * 2);
    if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
    const glyphAt = rangeOffsets + s * 2 + rangeOffset + (codePoint - start) * 2;
    const glyph = glyphAt + 1 < data.length ? data.readUInt16BE(glyphAt) : 0;
    return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
  };
}

function readFormat12(data: Buffer, at: number): number[] {
  const groups = data.readUInt32BE(at + 12);
  const pairs: number[] = [];
  for (let i = 0; i < groups; i++) {
    const g = at + 16 + i * 12;
    const first = data.readUInt32BE(g);
    const last = data.readUInt32BE(g + 4);
    const glyph = data.readUInt32BE(g + 8);
    // A group starting at glyph 0 maps its first character to .notdef.
    pairs.push(glyph === 0 ? first + 1 : first, last);
  }
  return pairs;
}

function readFormat4(data: Buffer, at: number): number[] {
  const segCount = data.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segCount * 2 + 2;
  const deltas = starts + segCount * 2;
  const rangeOffsets = deltas + segCount * 2;
  const pairs: number[] = [];
  for (let s = 0; s < segCount; s++) {
    const end = data.readUInt16BE(ends + s * 2);
    const start = data.readUInt16BE(starts + s * 2);
    const delta = data.readInt16BE(deltas + s * 2);
    const rangeOffset = data.readUInt16BE(rangeOffsets + s * 2);
    const last = Math.min(end, 0xfffe);
    if (rangeOffset === 0) {
      // glyph = c + delta: a whole range, less the one character (if any) that lands on glyph 0.
      // Added as ranges, not character by character (Noto Sans: ~20 ms less at every export).
      const notdef = -delta & 0xffff;
      if (notdef < start || notdef > last) pairs.push(start, last);
      else pairs.push(start, notdef - 1, notdef + 1, last);
      continue;
    }
    for (let c = start; c <= last; c++) {
      const glyphAt = rangeOffsets + s * 2 + rangeOffset + (c - start) * 2;
      let glyph = glyphAt + 1 < data.length ? data.readUInt16BE(glyphAt) : 0;
      if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      if (glyph !== 0) pairs.push(c, c);
    }
  }
  return pairs;
}

function mergeRanges(pairs: number[]): Uint32Array {
  const items: Array<[number, number]> = [];
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i] <= pairs[i + 1]) items.push([pairs[i], pairs[i + 1]]);
  items.sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [first, last] of items) {
    const n = merged.length;
    if (n && first <= merged[n - 1] + 1) merged[n - 1] = Math.max(merged[n - 1], last);
    else merged.push(first, last);
  }
  return Uint32Array.from(merged);
}

function inRanges(ranges: Uint32Array, codePoint: number): boolean {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (codePoint < ranges[mid * 2]) hi = mid - 1;
    else if (codePoint > ranges[mid * 2 + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * A copy of a TrueType font without some tables. We drop GPOS and GSUB (kerning,
 * ligatures, contextual forms) from the fonts pdfmake lays text out with: fontkit's
 * shaping of Noto Sans's large GPOS table was a quarter of a handout's export
 * time, and Latin, Cyrillic and CJK text reads well without it (marks on
 * decomposed letters are still placed from Unicode data).
 */
export function withoutTables(data: Buffer, drop: readonly string[]): Buffer {
  const kept = [...readTableDirectory(data)]
    .filter(([tag]) => !drop.includes(tag))
    .map(([tag, offset]) => ({ tag, offset, ...tableRecord(data, tag) }));
  const headerLength = 12 + kept.length * 16;
  const size = kept.reduce((n, t) => n + ((t.length + 3) & ~3), headerLength);
  const out = Buffer.alloc(size);
  data.copy(out, 0, 0, 4);
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= kept.length) entrySelector++;
  const searchRange = 2 ** entrySelector * 16;
  out.writeUInt16BE(kept.length, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(kept.length * 16 - searchRange, 10);
  let at = headerLength;
  kept.forEach((t, i) => {
    const entry = 12 + i * 16;
    out.write(t.tag, entry, 'latin1');
    out.writeUInt32BE(t.checksum, entry + 4);
    out.writeUInt32BE(at, entry + 8);
    out.writeUInt32BE(t.length, entry + 12);
    data.copy(out, at, t.offset, t.offset + t.length);
    at += (t.length + 3) & ~3;
  });
  return out;
}

function tableRecord(data: Buffer, tag: string): { checksum: number; length: number } {
  const count = data.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    if (data.toString('latin1', at, at + 4) === tag) return { checksum: data.readUInt32BE(at + 4), length: data.readUInt32BE(at + 12) };
  }
  throw new Error(`no ${tag} table`);
}
