/** Strict UTF-8 for deck files: the byte offset named in the error is the first bad byte. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8Strict, firstInvalidUtf8Offset } from '../../src-shared/utf8';

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const valid = (bytes: Uint8Array): boolean => {
  try {
    fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

describe('firstInvalidUtf8Offset', () => {
  it.each([
    ['plain ASCII', [0x61, 0x62], -1],
    ['é, 中, 😀', [...Buffer.from('é中😀')], -1],
    ['a Latin-1 é', [0x61, 0xe9, 0x62], 1],
    ['an overlong slash', [0x61, 0xc0, 0xaf], 1],
    ['a UTF-16 surrogate', [0x61, 0xed, 0xa0, 0x80], 1],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a sequence cut off at the end', [0x61, 0x62, 0xe4, 0xb8], 2],
    ['a lone continuation byte', [0x80], 0],
  ])('%s', (_name, bytes, offset) => {
    expect(firstInvalidUtf8Offset(new Uint8Array(bytes))).toBe(offset);
  });

  it('agrees with the fatal TextDecoder on random bytes, and everything before the offset decodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const at = firstInvalidUtf8Offset(bytes);
        expect(at === -1).toBe(valid(bytes));
        if (at >= 0) expect(valid(bytes.subarray(0, at))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('decodeUtf8Strict', () => {
  it('drops a BOM and keeps CRLF', () => {
    expect(decodeUtf8Strict(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x0d, 0x0a, 0x7d]))).toEqual({ ok: true, text: '{\r\n}' });
  });

  it('names the offset in the file (BOM counted) and the byte, and never yields U+FFFD', () => {
    const result = decodeUtf8Strict(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0xff, 0x7d]));
    expect(result).toMatchObject({ ok: false, offset: 4 });
    expect(!result.ok && result.message).toMatch(/byte 4 \(0xff\) is not valid UTF-8/);
  });
});
