/**
 * The bundled fonts, as pdfmake and @napi-rs/canvas each need them, and the one
 * local-file policy pdfmake gets: it may read these font files and nothing else.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fontsDir } from '../paths';
import { readFontMetrics, withoutTables, type FontMetrics } from './font-metrics';

/** pdfmake font names. Noto Sans covers Latin, Greek and Cyrillic (Kazakh too); Droid Sans Fallback covers CJK. */
export const PDF_FONT = 'NotoSans';
export const PDF_FONT_CJK = 'DroidFallback';
/** DejaVu Sans: Arabic, Hebrew and the symbols Noto Sans lacks ("≠", arrows), as on screen. */
export const PDF_FONT_EXTRA = 'DejaVuSans';

/** The family our charts ask for first (`CHART_FONT_FAMILY` in src-shared). */
export const CANVAS_FAMILY = 'Briefing Sans';

const NOTO = {
  normal: 'NotoSans-Regular.ttf',
  bold: 'NotoSans-Bold.ttf',
  italics: 'NotoSans-Italic.ttf',
  bolditalics: 'NotoSans-BoldItalic.ttf',
} as const;
const CJK_FILE = 'DroidSansFallbackFull.ttf';
const DEJAVU = { normal: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

type Faces = { normal: string; bold: string; italics: string; bolditalics: string };

let folder: string | undefined;

/**
 * The fonts folder as a real path. In the packaged app the fonts are unpacked
 * beside app.asar (electron-builder.yml), and native code (the canvas) cannot
 * read through Electron's asar layer, so we point everything at the real files.
 */
function fontsFolder(): string {
  if (folder) return folder;
  // Absolute, so the allow-list below compares like with like whatever the app root was given as.
  const dir = path.resolve(fontsDir());
  const unpacked = dir.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
  return (folder = unpacked !== dir && existsSync(unpacked) ? unpacked : dir);
}

/** Absolute paths of every font file pdfmake may open. */
export function fontFiles(): string[] {
  const dir = fontsFolder();
  return [...Object.values(NOTO), CJK_FILE, ...Object.values(DEJAVU)].map((file) => path.join(dir, file));
}

/** pdfmake's in-memory file system (fonts placed there are read from memory, not disk). */
export interface VirtualFs {
  existsSync(name: string): boolean;
  writeFileSync(name: string, data: Buffer): void;
}

let stripped: Faces | undefined;

/**
 * The pdfmake `fonts` dictionary (a fresh object: pdfmake rewrites it while
 * resolving). Noto Sans goes in as shaping-free copies held in pdfmake's virtual
 * file system (see `withoutTables`); the CJK font, needed by few decks, is read
 * from the fonts folder only when a run uses it.
 */
export function pdfFontDescriptors(vfs: VirtualFs): Record<string, Faces> {
  const dir = fontsFolder();
  if (!stripped || !vfs.existsSync(stripped.normal)) {
    const faces: Record<string, string> = {};
    for (const [face, file] of Object.entries(NOTO)) {
      const name = `briefing-fonts/${file}`;
      vfs.writeFileSync(name, withoutTables(readFileSync(path.join(dir, file)), ['GPOS', 'GSUB']));
      faces[face] = name;
    }
    stripped = faces as Faces;
  }
  const cjk = path.join(dir, CJK_FILE);
  const dejavu = path.join(dir, DEJAVU.normal);
  const dejavuBold = path.join(dir, DEJAVU.bold);
  // The CJK font has one face; bold/italic runs use it as is rather than fail. DejaVu keeps
  // its shaping tables (Arabic letters join through GSUB) and is opened only when a run uses it.
  return {
    [PDF_FONT]: { ...stripped },
    [PDF_FONT_CJK]: { normal: cjk, bold: cjk, italics: cjk, bolditalics: cjk },
    [PDF_FONT_EXTRA]: { normal: dejavu, bold: dejavuBold, italics: dejavu, bolditalics: dejavuBold },
  };
}

/**
 * pdfmake's local access policy: only our bundled font files, compared after
 * resolving the path, so `..` or a symlink-looking name cannot widen it.
 */
export function isAllowedLocalFile(file: string): boolean {
  if (typeof file !== 'string' || file.includes('\0')) return false;
  const resolved = path.resolve(file);
  return fontFiles().some((allowed) => allowed === resolved);
}

let notoMetrics: FontMetrics | undefined;
let cjkMetrics: FontMetrics | undefined;
let extraMetrics: FontMetrics | undefined;

/** Noto Sans coverage and line height (read once; the file is small). */
export function mainFontMetrics(): FontMetrics {
  return (notoMetrics ??= readFontMetrics(path.join(fontsFolder(), NOTO.normal)));
}

/** Droid Sans Fallback coverage, read only when a deck has a character Noto Sans lacks. */
export function cjkFontMetrics(): FontMetrics {
  return (cjkMetrics ??= readFontMetrics(path.join(fontsFolder(), CJK_FILE)));
}

/** DejaVu Sans coverage (Arabic, Hebrew, symbols), read only when a deck has a character Noto Sans lacks. */
export function extraFontMetrics(): FontMetrics {
  return (extraMetrics ??= readFontMetrics(path.join(fontsFolder(), DEJAVU.normal)));
}

interface CanvasFonts {
  registerFromPath(file: string, alias?: string): unknown;
  loadFontsFromDir(dir: string): number;
}

let canvasFontsReady = false;

/**
 * Registers the bundled fonts with @napi-rs/canvas: Noto Sans under the chart
 * family name, and the whole folder as fallback fonts, so a Chinese chart label
 * draws with Droid Sans Fallback even on a machine with no CJK font installed.
 */
export function registerCanvasFonts(fonts: CanvasFonts): void {
  if (canvasFontsReady) return;
  const dir = fontsFolder();
  fonts.loadFontsFromDir(dir);
  for (const file of Object.values(NOTO)) fonts.registerFromPath(path.join(dir, file), CANVAS_FAMILY);
  canvasFontsReady = true;
}
