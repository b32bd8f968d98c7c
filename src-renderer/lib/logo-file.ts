/**
 * A logo picked in the Theme section → a `data:` URL for `theme.logo.src`.
 *
 * MINIMAL CHECK, marked as such: the image work of issue 10 builds the app's one
 * bytes check (type sniffing, SVG sanitising, size limits) in its own branch; until
 * it lands on main this accepts only PNG, JPEG and WebP recognised by their first
 * bytes (never the name or the browser's MIME guess) and within LIMITS.maxImageBytes.
 * SVG is refused here because it must be sanitised first.
 */
import { LIMITS } from '../../src-shared/deck-schema';

export type LogoResult = { ok: true; src: string } | { ok: false; message: string };

/** The image type of `bytes` from its signature, or null. */
export function sniffLogoType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | 'image/webp' | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

/** Reads and checks a picked file; the message says what is wrong in words a person can act on. */
export async function readLogoFile(file: File): Promise<LogoResult> {
  const mb = LIMITS.maxImageBytes / 1024 / 1024;
  if (file.size > LIMITS.maxImageBytes) return { ok: false, message: `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; a logo may be at most ${mb} MB` };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffLogoType(bytes);
  if (!type) return { ok: false, message: `${file.name} is not a PNG, JPEG or WebP image (its bytes say so, whatever its name)` };
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { ok: true, src: `data:${type};base64,${btoa(binary)}` };
}
