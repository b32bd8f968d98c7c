/**
 * Strict UTF-8 decoding for deck files. A deck with bytes that are not UTF-8 (a
 * Latin-1 export, a damaged file) must be refused with the place to look, never
 * decoded with U+FFFD in their stead and later saved back that way.
 */

export type Utf8Result = { ok: true; text: string } | { ok: false; offset: number; message: string };

/**
 * The offset of the first byte that is not part of well-formed UTF-8, or -1.
 * Follows the Unicode table of well-formed sequences: no overlong forms, no
 * surrogates, nothing above U+10FFFF, no truncated sequence at the end.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (i + k >= n) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Decodes UTF-8 strictly, dropping a leading byte-order mark; names the byte offset of bad input. */
export function decodeUtf8Strict(bytes: Uint8Array): Utf8Result {
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body) };
  } catch {
    const at = firstInvalidUtf8Offset(body) + (body === bytes ? 0 : 3);
    const hex = bytes[at]?.toString(16).padStart(2, '0') ?? '??';
    return {
      ok: false,
      offset: at,
      message: `the file is not UTF-8 text: byte ${at} (0x${hex}) is not valid UTF-8. Save it as UTF-8 in your editor and open it again`,
    };
  }
}

/** Text with a leading byte-order mark removed (some editors add one). */
export const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
